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

    /// Every Chapters/ChapterNN/README.md of at least 1,000 characters, in chapter order.
    static func notes(in folder: URL = chaptersFolder) throws -> Corpus {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let chapters = names.filter { $0.hasPrefix("Chapter") }.sorted()
        var texts: [(String, String)] = []
        for chapter in chapters {
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
        let name = "the notes of chapters \(numbers.joined(separator: ", "))"
        return Corpus(text: texts.map(\.1).joined(separator: "\n"), name: name, path: folder.path)
    }
}
