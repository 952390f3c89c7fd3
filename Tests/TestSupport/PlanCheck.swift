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

    /// Expects `plan`'s sections to be the notes' sections, id and title, in order.
    public static func expectMatchesNotes(
        _ plan: ChapterPlan, chapter: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let notes = try noteSections(chapter: chapter)
        let planned = plan.sections.map { (id: $0.id, title: $0.title) }
        #expect(planned.map(\.id) == notes.map(\.id), sourceLocation: sourceLocation)
        for (section, heading) in zip(planned, notes) where section.id == heading.id {
            #expect(
                section.title == heading.title, "\(section.id): plan \"\(section.title)\", notes \"\(heading.title)\"",
                sourceLocation: sourceLocation)
        }
    }
}

extension PlanCheck {
    /// Expects `--help` to show every knob of `Knobs` with its default, the value the settings of
    /// `Knobs.parse([])` hold (flags aside: off by default, ArgumentParser shows no value).
    public static func expectHelpShowsDefaults<Knobs: ChapterKnobs>(
        _ knobs: Knobs.Type, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let help = Knobs.helpMessage(columns: 10_000)
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.split(separator: " ").joined(separator: " ")
        }
        // A default described in words ("(the notes)") has no value to show.
        for setting in try Knobs.parse([]).settings where !setting.isFlag && !setting.value.hasPrefix("(") {
            let start = lines.firstIndex { $0.hasPrefix("--\(setting.option) ") }
            #expect(start != nil, "--help has no line for --\(setting.option)", sourceLocation: sourceLocation)
            guard let start else { continue }
            // A long option name pushes its help onto the following lines.
            let rest = lines[(start + 1)...].prefix { !$0.isEmpty && !$0.hasPrefix("-") }
            let line = ([lines[start]] + rest).joined(separator: " ")
            // ArgumentParser ends a choice's help with "(values: a, b; default: a)" itself; a default
            // that differs in a quick run, "1500 (60 with --quick)", is written "default 1500, 60 with --quick".
            let value = setting.value.replacingOccurrences(of: " (", with: ", ").replacingOccurrences(of: ")", with: "")
            let shown = ["(default: ", "; default: ", "; default ", "(default "].contains { opening in
                line.hasSuffix(opening + value + ")") || line.hasSuffix(opening + value + ").")
            }
            #expect(
                shown, "--\(setting.option) should end \"(default: \(setting.value))\": \(line)",
                sourceLocation: sourceLocation)
        }
    }
}
