// The text the character model learns: a reader's file (`--text`), or by default the workbook's
// own chapter notes, found beside this source file so the chapter runs offline.

import ChapterRunner
import Foundation
import NeuralCore

/// A training text and where it came from.
struct Corpus: Sendable {
    var text: String
    /// What the narrative calls it ("the notes of chapters 01–07", or the file's path).
    var name: String
    /// The path in error messages.
    var path: String

    /// The Chapters folder of this checkout: two levels above this file.
    static let chaptersFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    /// The smallest text the run can use: one window of 25 characters and its targets, many times.
    static let minimumCharacters = 200

    static func load(textPath: String?) throws -> Corpus {
        if let textPath {
            let url = URL(fileURLWithPath: textPath)
            let text = try TextCorpus.load(url)
            try TextCorpus.requireLength(text, minimumCharacters, path: url.path)
            return Corpus(text: text, name: url.lastPathComponent, path: url.path)
        }
        return try notes()
    }

    /// The chapters whose notes make the default corpus: those written before the recurrent
    /// chapters, so that editing these notes (or Chapter 08's) does not change this chapter's numbers.
    static let defaultChapters = 1...5

    /// The notes of chapters 01–05.
    static func notes(in folder: URL = chaptersFolder) throws -> Corpus {
        do {
            let (text, chapters) = try TextCorpus.chapterNotes(in: folder, chapters: defaultChapters)
            let numbers = chapters.map { $0 < 10 ? "0\($0)" : "\($0)" }
            let name = "the notes of chapters \(numbers.joined(separator: ", "))"
            return Corpus(text: text, name: name, path: folder.path)
        } catch {
            throw ChapterError(
                "the default corpus (the notes Chapters/Chapter01–05/README.md) was not found under \(folder.path); run from a checkout of the workbook or give --text PATH"
            )
        }
    }
}
