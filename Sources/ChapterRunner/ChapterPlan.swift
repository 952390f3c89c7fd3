// The sections of a chapter in reading order: what `--list` prints, what `--only` chooses from,
// and where each section's random draws start, so that a section run alone draws exactly what it
// draws in the whole chapter.

/// One step of a chapter: a numbered section of the notes, or an unnumbered preparation (loading
/// the images) that sections need.
public struct PlannedStep: Sendable, Equatable {
    /// "5.4" for a section; a word ("data") for a preparation.
    public let id: String
    public let title: String
    /// Rough seconds of a full release run on two cores, and of a `--quick` run.
    public let seconds: Double
    public let quickSeconds: Double
    /// How many values the step takes from the chapter's generator (each `fork` takes one) with
    /// the default settings, in a full and in a `--quick` run. The steps after it start that many
    /// draws further on.
    public let draws: Int
    public let quickDraws: Int
    /// Steps whose results this one reads; `--only` runs them first.
    public let needs: [String]

    /// A numbered section of the notes (printed with its heading, listed by `--list`).
    public static func section(
        _ id: String, _ title: String, seconds: Double, quick: Double, draws: Int = 1, quickDraws: Int? = nil,
        needs: [String] = []
    ) -> PlannedStep {
        PlannedStep(
            id: id, title: title, seconds: seconds, quickSeconds: quick, draws: draws, quickDraws: quickDraws ?? draws,
            needs: needs)
    }

    /// A preparation several sections read, such as the chapter's images; it runs once, before
    /// the first section that needs it.
    public static func preparation(
        _ id: String, _ title: String, seconds: Double, quick: Double, draws: Int = 1
    ) -> PlannedStep {
        PlannedStep(
            id: id, title: title, seconds: seconds, quickSeconds: quick, draws: draws, quickDraws: draws, needs: [])
    }

    /// Whether this step is a numbered section of the notes.
    public var isSection: Bool { id.first?.isNumber == true }
}

/// The steps of one chapter, in the order a full run takes them.
public struct ChapterPlan: Sendable {
    public let steps: [PlannedStep]

    public init(_ steps: [PlannedStep]) {
        precondition(Set(steps.map(\.id)).count == steps.count, "a chapter plan names each step once")
        for (index, step) in steps.enumerated() {
            for need in step.needs {
                precondition(
                    steps[..<index].contains { $0.id == need }, "\(step.id) needs \(need), which must come before it")
            }
        }
        self.steps = steps
    }

    /// The numbered sections, in order.
    public var sections: [PlannedStep] { steps.filter(\.isSection) }

    public func step(_ id: String) -> PlannedStep? { steps.first { $0.id == id } }

    /// Where the step's draws start: the draws of every step before it with the default settings.
    public func position(of id: String, quick: Bool) -> Int {
        steps.prefix { $0.id != id }.reduce(0) { $0 + (quick ? $1.quickDraws : $1.draws) }
    }

    /// The steps a run of `only` takes, in chapter order: the chosen sections and every step they
    /// need, directly or through another. Every step when `only` is empty.
    /// - Throws: `ChapterError` naming an unknown section and the chapter's sections.
    public func selection(only: [String], chapter: String) throws -> [PlannedStep] {
        guard !only.isEmpty else { return steps }
        var chosen = Set<String>()
        for id in only {
            guard let step = step(id), step.isSection else {
                let ids = sections.map(\.id)
                throw ChapterError(
                    "--only \(id): Chapter \(chapter) has sections \(ids.first ?? "")–\(ids.last ?? "") (see swift run Chapter\(chapter) --list)"
                )
            }
            chosen.insert(step.id)
        }
        // Needs point backwards, so one pass from the end collects them all.
        for step in steps.reversed() where chosen.contains(step.id) {
            chosen.formUnion(step.needs)
        }
        return steps.filter { chosen.contains($0.id) }
    }

    /// What `--list` prints: each section with its title, what it needs and its rough run time.
    public func listing(chapter: String, title: String) -> String {
        let sections = self.sections
        let titleWidth = sections.map(\.title.count).max() ?? 0
        var lines = ["Chapter \(chapter) · \(title)", ""]
        let header =
            "section".padding(toLength: 9, withPad: " ", startingAt: 0)
            + "title".padding(toLength: titleWidth + 2, withPad: " ", startingAt: 0) + "full run   quick   also runs"
        lines.append(header)
        for section in sections {
            let needs = neededSections(of: section)
            lines.append(
                "  " + section.id.padding(toLength: 7, withPad: " ", startingAt: 0)
                    + section.title.padding(toLength: titleWidth + 2, withPad: " ", startingAt: 0)
                    + Self.duration(section.seconds + preparationSeconds(of: section, quick: false))
                    .padding(toLength: 11, withPad: " ", startingAt: 0)
                    + Self.duration(section.quickSeconds + preparationSeconds(of: section, quick: true))
                    .padding(toLength: 8, withPad: " ", startingAt: 0)
                    + (needs.isEmpty ? "" : needs.joined(separator: ", ")))
        }
        let total = steps.reduce(0) { $0 + $1.seconds }
        let example = sections.last?.id ?? "1.1"
        lines.append("")
        lines.append(
            "The whole chapter takes \(Self.duration(total)) in release on two cores. Run one section with"
        )
        lines.append("    swift run -c release Chapter\(chapter) --only \(example)")
        lines.append("(a section that reads another's results runs that one first: \"also runs\").")
        return lines.joined(separator: "\n")
    }

    /// "≈ 40 s", "≈ 3 min", "< 1 s".
    static func duration(_ seconds: Double) -> String {
        if seconds < 1 { return "< 1 s" }
        if seconds < 90 { return "≈ \(Int(seconds.rounded())) s" }
        return "≈ \(Int((seconds / 60).rounded())) min"
    }

    /// The numbered sections a section's run also takes.
    private func neededSections(of section: PlannedStep) -> [String] {
        (try? selection(only: [section.id], chapter: ""))?.filter { $0.isSection && $0.id != section.id }.map(\.id)
            ?? []
    }

    /// The time of the preparations and needed sections a section's run adds.
    private func preparationSeconds(of section: PlannedStep, quick: Bool) -> Double {
        let extra = ((try? selection(only: [section.id], chapter: "")) ?? []).filter { $0.id != section.id }
        return extra.reduce(0) { $0 + (quick ? $1.quickSeconds : $1.seconds) }
    }
}
