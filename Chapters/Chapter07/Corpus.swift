// The character model's text (7.4): `--text PATH`, or by default the notes of chapters 01–05,
// read by ChapterRunner's `CharacterCorpus` (shared with Chapter 08, which trains on the same text).

import ChapterRunner

typealias Corpus = CharacterCorpus

extension CharacterCorpus {
    /// The smallest text the run can use: one window of 25 characters and its targets, many times.
    static let minimumCharacters = 200

    static func load(textPath: String?, quick: Bool) throws -> CharacterCorpus {
        try load(
            textPath: textPath, minimumCharacters: minimumCharacters, maximumBytes: maximumBytes(quick: quick))
    }
}
