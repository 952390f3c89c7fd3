// The text a character model learns (Chapters 07 and 08): a reader's file (`--text`), or by
// default the workbook's own notes of chapters 01–05, found in this checkout so the chapters run
// offline. Both chapters read the same default, so their character models train on the same text.

import Foundation
import NeuralCore

/// A training text and where it came from.
public struct CharacterCorpus: Sendable {
    public var text: String
    /// What the narrative calls it ("the notes of chapters 01, 02, …", or the file's name).
    public var name: String
    /// The file or folder it was read from, for messages.
    public var path: String

    /// The Chapters folder of this checkout (this file is Sources/ChapterRunner/CharacterCorpus.swift).
    public static let chaptersFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Chapters")

    /// The chapters whose notes make the default corpus: those written before the recurrent
    /// chapters, so editing the notes of Chapters 06–08 never changes their numbers.
    public static let defaultChapters = 1...5

    /// The reader's file at `textPath` (missing, empty, binary or shorter than
    /// `minimumCharacters` files are refused with a readable error), or the default notes.
    public static func load(textPath: String?, minimumCharacters: Int) throws -> CharacterCorpus {
        if let textPath {
            let url = URL(fileURLWithPath: textPath)
            let text = try TextCorpus.load(url)
            try TextCorpus.requireLength(text, minimumCharacters, path: url.path)
            return CharacterCorpus(text: text, name: url.lastPathComponent, path: url.path)
        }
        return try notes()
    }

    /// The notes of chapters 01–05 under `folder`.
    public static func notes(in folder: URL = chaptersFolder) throws -> CharacterCorpus {
        do {
            let (text, chapters) = try TextCorpus.chapterNotes(in: folder, chapters: defaultChapters)
            let numbers = chapters.map { $0 < 10 ? "0\($0)" : "\($0)" }
            let name = "the notes of chapters \(numbers.joined(separator: ", "))"
            return CharacterCorpus(text: text, name: name, path: folder.path)
        } catch {
            throw ChapterError(
                "the default corpus (the notes Chapters/Chapter01–05/README.md) was not found under \(folder.path); run from a checkout of the workbook or give --text PATH"
            )
        }
    }
}
