// The text of the character model (8.7): a reader's file (`--text`, read by the core's
// `TextCorpus`), or by default the notes of chapters 01–05 — the same choice as Chapter 07, so
// the two chapters' character models train on the same text.

import ChapterRunner
import Foundation
import NeuralCore

/// A training text and where it came from.
struct Corpus: Sendable {
    var text: String
    /// What the narrative calls it.
    var name: String

    /// The Chapters folder of this checkout: two levels above this file.
    static let chaptersFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    /// Enough text for a validation tenth and training windows of 25 characters in 32 streams.
    static let minimumCharacters = 2_000

    static func load(textPath: String?) throws -> Corpus {
        if let textPath {
            let url = URL(fileURLWithPath: textPath)
            let text = try TextCorpus.load(url)
            try TextCorpus.requireLength(text, minimumCharacters, path: url.path)
            return Corpus(text: text, name: url.lastPathComponent)
        }
        return try notes()
    }

    /// The chapters whose notes make the default corpus — Chapter 07's choice: the notes written
    /// before the recurrent chapters, so editing these notes does not change the chapter's numbers.
    static let defaultChapters = 1...5

    /// The notes of chapters 01–05, read by the core's `TextCorpus.chapterNotes`.
    static func notes(in folder: URL = chaptersFolder) throws -> Corpus {
        do {
            let (text, chapters) = try TextCorpus.chapterNotes(in: folder, chapters: defaultChapters)
            let numbers = chapters.map { $0 < 10 ? "0\($0)" : "\($0)" }
            return Corpus(text: text, name: "the notes of chapters \(numbers.joined(separator: ", "))")
        } catch {
            throw ChapterError(
                "the default corpus (the notes Chapters/Chapter01–05/README.md) was not found under \(folder.path); run from a checkout of the workbook or give --text PATH"
            )
        }
    }
}
