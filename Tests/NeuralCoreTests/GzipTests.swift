import Foundation
import NeuralCore
import Testing

@Suite("Gzip")
struct GzipTests {
    static func sampleBytes(_ count: Int) -> [UInt8] {
        var generator = SeededGenerator(seed: 11)
        // Compressible but not trivial: small random values with runs.
        return (0..<count).map { $0 % 97 < 40 ? 0 : UInt8(generator.integer(below: 16)) }
    }

    @Test("compress then decompress gives the bytes back", arguments: [0, 1, 1000, 700_000])
    func roundTrip(count: Int) throws {
        let original = Self.sampleBytes(count)
        let compressed = try Gzip.compress(original)
        #expect(Gzip.looksCompressed(compressed))
        #expect(try Gzip.decompress(compressed) == original)
    }

    @Test("concatenated gzip members decompress to the concatenated contents")
    func multiMember() throws {
        let a = Self.sampleBytes(5000), b = Array("second member".utf8)
        let joined = try Gzip.compress(a) + Gzip.compress(b)
        #expect(try Gzip.decompress(joined) == a + b)
        // Zero padding after the last member (as some tape/block tools add) is ignored.
        #expect(try Gzip.decompress(joined + [0, 0, 0, 0]) == a + b)
    }

    @Test("a truncated stream throws an error that says so")
    func truncated() throws {
        let compressed = try Gzip.compress(Self.sampleBytes(100_000))
        let cut = Array(compressed.prefix(compressed.count / 2))
        let error = try #require(throws: DatasetError.self) { try Gzip.decompress(cut, name: "cut.gz") }
        #expect(error.description.contains("cut.gz"))
        #expect(error.description.contains("truncated"))
        // Losing only the 8-byte trailer is also caught.
        #expect(throws: DatasetError.self) { try Gzip.decompress(Array(compressed.dropLast(8))) }
    }

    @Test("corrupt data throws")
    func corrupt() throws {
        var compressed = try Gzip.compress(Self.sampleBytes(10_000))
        for index in 20..<40 { compressed[index] ^= 0x5A }
        let error = try #require(throws: DatasetError.self) { try Gzip.decompress(compressed, name: "bad.gz") }
        #expect(error.description.contains("bad.gz"))
        #expect(throws: DatasetError.self) { try Gzip.decompress([]) }
        #expect(throws: DatasetError.self) { try Gzip.decompress(Array("not gzip at all".utf8)) }
    }

    @Test("files ending in .gz are gunzipped, others read as they are")
    func readFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gzip-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = Self.sampleBytes(3000)
        let gz = folder.appendingPathComponent("data.gz"), raw = folder.appendingPathComponent("data")
        try Data(Gzip.compress(content)).write(to: gz)
        try Data(content).write(to: raw)
        #expect(try Gzip.readFile(gz) == content)
        #expect(try Gzip.readFile(raw) == content)
        #expect(throws: DatasetError.self) { try Gzip.readFile(folder.appendingPathComponent("absent.gz")) }
    }
}
