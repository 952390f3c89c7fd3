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
    /// Whether the reader's file was longer than a run reads (`maximumBytes`), so that `text` is
    /// only its beginning.
    public var truncated = false

    public init(text: String, name: String, path: String, truncated: Bool = false) {
        self.text = text
        self.name = name
        self.path = path
        self.truncated = truncated
    }

    /// The default corpus's name in narratives and results.
    public static let notesName = "the notes of chapters 01, 02, 03, 04, 05"

    /// SHA-256 of the frozen default corpus (`Resources/character-corpus.txt`).
    public static let notesChecksum = "7685b1d946d2819a8b7cb1a28450dcf56887e5b936fef78a7e1079e323b0c7f9"

    /// The most a run reads of a reader's text: 256 KiB in a quick run, 4 MiB in a full one —
    /// more than either trains on (about 40,000 and 2.5 million characters).
    public static func maximumBytes(quick: Bool) -> Int {
        quick ? 256 * 1024 : 4 * 1024 * 1024
    }

    /// The largest vocabulary of a character model: a text with more distinct characters keeps
    /// the 999 most frequent and reads the others as one symbol, "�". Both the input and the
    /// softmax are as wide as the vocabulary, so time and memory grow with it.
    public static let maximumSymbols = 1_000

    /// The reader's file at `textPath` (`-` for standard input; at most `maximumBytes` of it), or
    /// the default notes. Missing, empty, binary, one-character or shorter than
    /// `minimumCharacters` texts are refused with a readable error.
    public static func load(textPath: String?, minimumCharacters: Int, maximumBytes: Int) throws -> CharacterCorpus {
        guard let textPath else { return try notes() }
        if textPath == TextCorpus.standardInput && isatty(STDIN_FILENO) == 1 {
            FileHandle.standardError.write(
                Data("Reading the text from standard input (end it with Ctrl-D)…\n".utf8))
        }
        let reading = try TextCorpus.read(textPath, maximumBytes: maximumBytes)
        let isStandardInput = textPath == TextCorpus.standardInput
        let url = URL(fileURLWithPath: textPath)
        let path = isStandardInput ? "standard input" : url.path
        try TextCorpus.requireLength(reading.text, minimumCharacters, path: path)
        // A pipe or device is named by its whole path ("/dev/fd/63"), a file by its name.
        let isFile = (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile ?? false
        return CharacterCorpus(
            text: reading.text, name: isStandardInput || !isFile ? path : url.lastPathComponent, path: path,
            truncated: reading.truncated)
    }

    /// The character model's vocabulary: every distinct character of the text, or at most
    /// `maximumSymbols` of them (`Vocabulary(text:maximumCount:)`).
    public func vocabulary() -> Vocabulary {
        Vocabulary(text: text, maximumCount: Self.maximumSymbols)
    }

    /// `bytes` in KiB or MiB ("256 KiB", "4 MiB").
    static func size(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
    }

    /// A sentence for the narrative when the run does not use the whole text as it is: a file
    /// longer than the run reads, or more distinct characters than a vocabulary keeps.
    public func limits(_ vocabulary: Vocabulary, indices: [Int], quick: Bool) -> String? {
        var sentences: [String] = []
        if truncated {
            let bound = Self.size(Self.maximumBytes(quick: quick))
            sentences.append(
                quick
                    ? "\(name) is longer than the \(bound) a quick run reads, so the run uses its beginning only (a full run reads up to \(Self.size(Self.maximumBytes(quick: false))))."
                    : "\(name) is longer than the \(bound) a run reads, so the run uses its beginning only.")
        }
        if let other = vocabulary.otherIndex {
            let distinct = Set(text).count
            let folded = indices.reduce(0) { $0 + ($1 == other ? 1 : 0) }
            sentences.append(
                "The text has \(distinct) distinct characters; to keep the input and the softmax to \(Self.maximumSymbols) wide, the model keeps the \(Self.maximumSymbols - 1) most frequent and reads the other \(distinct - Self.maximumSymbols + 1) (\(folded) characters of the text, \(percent(Double(folded) / Double(max(indices.count, 1)), decimals: 1))) as one symbol, \"\(Vocabulary.otherSymbol)\"."
            )
        }
        return sentences.isEmpty ? nil : sentences.joined(separator: " ")
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
