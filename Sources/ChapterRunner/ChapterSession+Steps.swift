// Running a chapter step by step: the body registers each step of the chapter's plan, and the run
// takes the steps `--only` chose (every step by default), each starting from the generator state
// its plan gives it, so a section run alone draws and prints what it does in the whole chapter.

import NeuralCore

/// A registered step's body, run at most once.
protocol RegisteredStep: AnyObject {
    var heading: String? { get }
    var isDone: Bool { get }
    func execute() throws
}

/// A step of a chapter and, once it has run, what it produced. Calling it runs the step if the
/// run has not taken it yet (a section that reads the images runs their preparation first).
public final class Step<Value>: RegisteredStep {
    public let id: String
    let heading: String?
    private let body: () throws -> Value
    private unowned let session: ChapterSession
    private var value: Value?

    init(id: String, heading: String?, session: ChapterSession, body: @escaping () throws -> Value) {
        self.id = id
        self.heading = heading
        self.session = session
        self.body = body
    }

    var isDone: Bool { value != nil }

    func execute() throws { value = try body() }

    /// What the step produced, running it first if it has not run.
    public func callAsFunction() throws -> Value {
        if let value { return value }
        try session.perform(id)
        guard let value else { throw ChapterError("step \(id) of Chapter \(session.number) produced nothing") }
        return value
    }
}

/// The knobs of a chapter that has none.
public struct NoKnobs: ChapterKnobs {
    public init() {}
    public var settings: [Setting] { [] }
}

extension ChapterSession {
    /// Registers the step `id` of the chapter's plan; the run takes it in order, or not at all
    /// under `--only`. `heading` replaces the plan's title when it depends on the options.
    @discardableResult
    public func step<Value>(_ id: String, heading: String? = nil, _ body: @escaping () throws -> Value) -> Step<Value> {
        precondition(plan?.step(id) != nil, "Chapter \(number)'s plan has no step \(id)")
        precondition(registeredSteps[id] == nil, "step \(id) is registered twice")
        let step = Step(id: id, heading: heading, session: self, body: body)
        registeredSteps[id] = step
        return step
    }

    /// Takes `selection` in order, then checks that each step drew what the plan says.
    func runSteps(_ selection: [PlannedStep]) throws {
        guard let plan else { return }
        let missing = plan.steps.map(\.id).filter { registeredSteps[$0] == nil }
        guard missing.isEmpty else {
            throw ChapterError(
                "Chapter \(number)'s plan lists \(missing.joined(separator: ", ")), which it never registers")
        }
        if !options.only.isEmpty {
            let extra = selection.filter { $0.isSection && !options.only.contains($0.id) }.map(\.id)
            say(
                "Only section\(options.only.count == 1 ? "" : "s") \(options.only.joined(separator: ", "))"
                    + (extra.isEmpty ? "." : ", after \(extra.joined(separator: ", ")), whose results it reads."))
        }
        for step in selection { try perform(step.id) }
        guard drawMismatches.isEmpty else {
            throw ChapterError(
                "Chapter \(number)'s plan is out of date: \(drawMismatches.joined(separator: "; ")) (fix its draws)")
        }
    }

    /// Runs one step of the plan, if it has not run: prints its heading, starts the generator
    /// where the step's draws start, and restores the generator of whatever step asked for it.
    func perform(_ id: String) throws {
        guard let plan, let planned = plan.step(id), let step = registeredSteps[id] else {
            throw ChapterError("Chapter \(number) has no step \(id)")
        }
        guard !step.isDone else { return }
        let outer = generator
        let start = SeededGenerator(seed: options.seed).advanced(by: plan.position(of: id, quick: options.quick))
        generator = start
        if planned.isSection { section(planned.id, step.heading ?? planned.title) }
        let clock = ContinuousClock.now
        try step.execute()
        stepSeconds[id] = seconds(since: clock)
        if variant.knobsAreDefault {
            let expected = options.quick ? planned.quickDraws : planned.draws
            let drawn = generator.draws(since: start, limit: expected + 10_000)
            if drawn != expected {
                drawMismatches.append(
                    "\(id) drew \(drawn.map(String.init) ?? "many") values in a \(options.quick ? "quick" : "full") run, its plan says \(expected)"
                )
            }
        }
        generator = outer
    }
}
