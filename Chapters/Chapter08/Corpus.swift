// The text of the character model (8.7): a reader's file (`--text`, read by the core's
// `TextCorpus`), or by default the workbook's own chapter notes — the same choice as Chapter 07,
// so the two chapters' character models train on the same text.

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

    /// Every Chapters/ChapterNN/README.md of at least 1,000 characters, in chapter order.
    static func notes(in folder: URL = chaptersFolder) throws -> Corpus {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var texts: [(String, String)] = []
        for chapter in names.filter({ $0.hasPrefix("Chapter") }).sorted() {
            let url = folder.appendingPathComponent(chapter).appendingPathComponent("README.md")
            guard let text = try? TextCorpus.load(url), text.count >= 1_000 else { continue }
            texts.append((chapter, text))
        }
        guard !texts.isEmpty else {
            throw ChapterError(
                "the default corpus (the chapters' notes, Chapters/*/README.md) was not found under \(folder.path); run from a checkout of the workbook or give --text PATH"
            )
        }
        let numbers = texts.map { String($0.0.dropFirst("Chapter".count)) }
        return Corpus(
            text: texts.map(\.1).joined(separator: "\n"),
            name: "the notes of chapters \(numbers.joined(separator: ", "))")
    }
}
