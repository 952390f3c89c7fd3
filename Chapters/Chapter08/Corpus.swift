// The character model's text (8.7): `--text PATH`, or by default the notes of chapters 01–05,
// read by ChapterRunner's `CharacterCorpus` — the same choice as Chapter 07, so the two chapters'
// character models train on the same text.

import ChapterRunner

typealias Corpus = CharacterCorpus

extension CharacterCorpus {
    /// Enough text for a validation tenth and training windows of 25 characters in 32 streams.
    static let minimumCharacters = 2_000

    static func load(textPath: String?, quick: Bool) throws -> CharacterCorpus {
        try load(
            textPath: textPath, minimumCharacters: minimumCharacters, maximumBytes: maximumBytes(quick: quick))
    }
}
