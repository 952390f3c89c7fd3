import ChapterRunner
import Foundation
import NeuralCore
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
}
