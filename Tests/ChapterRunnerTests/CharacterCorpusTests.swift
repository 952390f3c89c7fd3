import ChapterRunner
import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("Character corpus — the frozen default text of Chapters 07 and 08")
struct CharacterCorpusTests {
    @Test("The frozen snapshot has its pinned SHA-256, whatever the notes of chapters 01–05 now say")
    func checksum() throws {
        let corpus = try CharacterCorpus.notes()
        var hash = SHA256()
        hash.update(Array(corpus.text.utf8))
        let digest = hash.finalizeHex()
        #expect(digest == CharacterCorpus.notesChecksum)
        #expect(digest == "7685b1d946d2819a8b7cb1a28450dcf56887e5b936fef78a7e1079e323b0c7f9")
        #expect(corpus.name == "the notes of chapters 01, 02, 03, 04, 05")
    }

    @Test("A reader's --text file replaces the default")
    func readerText() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("poem.txt")
        try Data(String(repeating: "the quick brown fox ", count: 20).utf8).write(to: file)
        let corpus = try CharacterCorpus.load(textPath: file.path, minimumCharacters: 100, maximumBytes: 1_000)
        #expect(corpus.name == "poem.txt")
        #expect(corpus.text.hasPrefix("the quick"))
    }

    @Test("A file longer than the bound is cut and the narrative says so; a pipe is named by its path")
    func boundsAndNames() throws {
        let folder = try TestPaths.scratchFolder()
        let file = folder.appendingPathComponent("long.txt")
        try Data(String(repeating: "a bb ccc ", count: 500).utf8).write(to: file)
        let corpus = try CharacterCorpus.load(textPath: file.path, minimumCharacters: 100, maximumBytes: 1_000)
        #expect(corpus.truncated && corpus.text.count == 999)
        let vocabulary = corpus.vocabulary()
        let limits = try #require(
            corpus.limits(vocabulary, indices: try vocabulary.indices(of: corpus.text), quick: true))
        #expect(limits.hasPrefix("long.txt is longer than the 256 KiB a quick run reads"))
        #expect(limits.contains("a full run reads up to 4 MiB"))
        let whole = try CharacterCorpus.load(textPath: file.path, minimumCharacters: 100, maximumBytes: 100_000)
        #expect(!whole.truncated && whole.limits(whole.vocabulary(), indices: [], quick: true) == nil)

        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data(String(repeating: "through a pipe ", count: 10).utf8))
        try pipe.fileHandleForWriting.close()
        let path = "/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)"
        let piped = try CharacterCorpus.load(textPath: path, minimumCharacters: 100, maximumBytes: 1_000)
        #expect(piped.name == path && !piped.truncated)
    }

    @Test("More distinct characters than the vocabulary keeps: the narrative counts what is folded into �")
    func cappedVocabulary() throws {
        var text = ""
        for k in 0..<1_200 { text.unicodeScalars.append(Unicode.Scalar(UInt32(0x4E00 + k)) ?? "x") }
        text += String(repeating: "ab", count: 1_000)
        let corpus = CharacterCorpus(text: text, name: "many.txt", path: "/many.txt")
        let vocabulary = corpus.vocabulary()
        #expect(vocabulary.count == CharacterCorpus.maximumSymbols)
        let indices = try vocabulary.indices(of: text)
        // "a", "b" and the 997 earliest ideographs keep their symbols; 203 ideographs are folded.
        let limits = try #require(corpus.limits(vocabulary, indices: indices, quick: false))
        #expect(limits.contains("The text has 1202 distinct characters"))
        #expect(limits.contains("reads the other 203 (203 characters of the text, 6.3%)"))
    }

    @Test("A text of one repeated character is refused, naming it")
    func oneSymbol() throws {
        let folder = try TestPaths.scratchFolder()
        let file = folder.appendingPathComponent("aaa.txt")
        try Data(String(repeating: "a", count: 300).utf8).write(to: file)
        #expect(throws: TextCorpusError.oneSymbol(path: file.path, symbol: "\"a\"")) {
            try CharacterCorpus.load(textPath: file.path, minimumCharacters: 100, maximumBytes: 1_000)
        }
    }
}
