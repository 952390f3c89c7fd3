// The text a character model learns (Chapters 07 and 08): a reader's file (`--text`), or by
// default the workbook's own notes of chapters 01–05, frozen as a resource of this target so the
// chapters run offline and their numbers never move when those notes are edited. Both chapters
// read the same default, so their character models train on the same text.

import Foundation
import NeuralCore

/// A training text and where it came from.
public struct CharacterCorpus: Sendable {
    public var text: String
    /// What the narrative calls it ("the notes of chapters 01, 02, …", or the file's name).
    public var name: String
    /// The file or folder it was read from, for messages.
    public var path: String

    /// The default corpus's name in narratives and results.
    public static let notesName = "the notes of chapters 01, 02, 03, 04, 05"

    /// SHA-256 of the frozen default corpus (`Resources/character-corpus.txt`).
    public static let notesChecksum = "7685b1d946d2819a8b7cb1a28450dcf56887e5b936fef78a7e1079e323b0c7f9"

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

    /// The default corpus: the notes of chapters 01–05 as they stood when Chapters 07 and 08 were
    /// first run, frozen in this target's resources so that later edits of those notes never change
    /// the character models' numbers. Refused if the snapshot's checksum is not `notesChecksum`.
    public static func notes() throws -> CharacterCorpus {
        guard let url = Bundle.module.url(forResource: "character-corpus", withExtension: "txt"),
            let data = try? Data(contentsOf: url)
        else {
            throw ChapterError(
                "the default corpus (character-corpus.txt in ChapterRunner's resources) is missing; rebuild the package or give --text PATH"
            )
        }
        var hash = SHA256()
        data.withUnsafeBytes { hash.update($0) }
        guard hash.finalizeHex() == notesChecksum else {
            throw ChapterError(
                "the default corpus \(url.path) has been changed (its SHA-256 is not the frozen one); restore it with git checkout, or give --text PATH"
            )
        }
        let text = try TextCorpus.decode(data, path: url.path)
        return CharacterCorpus(text: text, name: notesName, path: url.path)
    }
}
