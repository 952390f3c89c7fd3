// A chapter's plan (what --list prints and --only chooses from) against its notes: the same
// sections, in the same order, under the same titles.

import ChapterRunner
import Foundation
import Testing

public enum PlanCheck {
    /// The "## N.M Title" headings of a chapter's notes, in order.
    public static func noteSections(chapter: String) throws -> [(id: String, title: String)] {
        let url = TestPaths.packageRoot.appendingPathComponent("Chapters/Chapter\(chapter)/README.md")
        let notes = try String(contentsOf: url, encoding: .utf8)
        return notes.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("## ") else { return nil }
            let words = line.dropFirst(3).split(separator: " ", maxSplits: 1)
            guard words.count == 2, words[0].contains("."), words[0].first?.isNumber == true else { return nil }
            return (String(words[0]), String(words[1]))
        }
    }

    /// What differs between `plan`'s sections and the notes' headings (ids, order, titles); empty
    /// when the plan is the notes' sections.
    public static func mismatches(_ plan: ChapterPlan, chapter: String) throws -> [String] {
        let notes = try noteSections(chapter: chapter)
        let planned = plan.sections.map { (id: $0.id, title: $0.title) }
        var problems: [String] = []
        if planned.map(\.id) != notes.map(\.id) {
            problems.append("sections: plan \(planned.map(\.id)), notes \(notes.map(\.id))")
        }
        for (section, heading) in zip(planned, notes) where section.id == heading.id && section.title != heading.title {
            problems.append("\(section.id): plan \"\(section.title)\", notes \"\(heading.title)\"")
        }
        return problems
    }

    /// The knobs of `Knobs` whose `--help` does not end with their default, the value the settings
    /// of `Knobs.parse([])` hold (flags aside: off by default, ArgumentParser shows no value), each
    /// with the help it has; empty when every knob shows its default.
    public static func knobsHidingDefaults<Knobs: ChapterKnobs>(_ knobs: Knobs.Type) throws -> [String] {
        let help = Knobs.helpMessage(columns: 10_000)
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.split(separator: " ").joined(separator: " ")
        }
        var problems: [String] = []
        // A default described in words ("(the notes)") has no value to show.
        for setting in try Knobs.parse([]).settings where !setting.isFlag && !setting.value.hasPrefix("(") {
            guard let start = lines.firstIndex(where: { $0.hasPrefix("--\(setting.option) ") }) else {
                problems.append("--help has no line for --\(setting.option)")
                continue
            }
            // A long option name pushes its help onto the following lines.
            let rest = lines[(start + 1)...].prefix { !$0.isEmpty && !$0.hasPrefix("-") }
            let line = ([lines[start]] + rest).joined(separator: " ")
            // ArgumentParser ends a choice's help with "(values: a, b; default: a)" itself; a default
            // that differs in a quick run, "1500 (60 with --quick)", is written "default 1500, 60 with --quick".
            let value = setting.value.replacingOccurrences(of: " (", with: ", ").replacingOccurrences(of: ")", with: "")
            let shown = ["(default: ", "; default: ", "; default ", "(default "].contains { opening in
                line.hasSuffix(opening + value + ")") || line.hasSuffix(opening + value + ").")
            }
            if !shown { problems.append("--\(setting.option) should end \"(default: \(setting.value))\": \(line)") }
        }
        return problems
    }
}
