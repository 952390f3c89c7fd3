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
