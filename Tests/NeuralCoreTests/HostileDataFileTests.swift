// Hostile dataset files: a forged gzip trailer, a gzip bomb, files far larger than the dataset,
// names that lie about the compression, headers that promise another file, a pipe where a file
// should be, genuine files of the other dataset. Each is refused with one line that says what is
// wrong and what to do, after reading no more than the expected file can need.

import Foundation
import TestSupport
import Testing

@testable import NeuralCore

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Hostile dataset files — bounded memory, honest messages", .serialized)
struct HostileDataFileTests {
    /// A miniature MNIST's test images file (10 images) and its expected description.
    static let miniature = MiniatureMNIST()
    static var testImages: DatasetFile { miniature.files.testImages }
    static var testImageBytes: [UInt8] { miniature.contents["t10k-images-idx3-ubyte"]! }

    /// The message of the error `body` throws, or "no error".
    static func message(_ body: () throws -> Any) -> String {
        do {
            _ = try body()
            return "no error"
        } catch { return "\(error)" }
    }

    /// `content` gzipped, as many members of it as `members`.
    static func members(_ content: [UInt8], _ count: Int) throws -> [UInt8] {
        let one = try Gzip.compress(content, level: 9)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(one.count * count)
        for _ in 0..<count { bytes += one }
        return bytes
    }

    @Test("A 30-byte gzip whose trailer claims 4 GiB gets a buffer sized by its input, not by the trailer")
    func forgedTrailer() throws {
        var forged = try Gzip.compress(Array("tiny".utf8))
        forged.replaceSubrange((forged.count - 4)..., with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(forged.count < 32)
        // The trailer's size is capped by the most deflate can expand the input (1032 : 1).
        let capacity = Gzip.initialCapacity(compressed: forged, limit: Gzip.defaultLimit)
        #expect(capacity <= max(4096, forged.count * Gzip.largestRatio + 1))
        // And by the caller's limit.
        #expect(Gzip.initialCapacity(compressed: Array(repeating: 0, count: 1 << 20), limit: 100) == 101)
        // The forged trailer is still caught as damage, not trusted.
        let error = Self.message { try Gzip.decompress(forged, name: "forged.gz") }
        #expect(error.contains("forged.gz") && error.contains("corrupt data"), "\(error)")
    }

    @Test("A gzip bomb (3 MB inflating to 3 GiB) stops at the limit, and a dataset file stops at its header's size")
    func bomb() throws {
        // 192 members of 16 MiB of zeros: about 3 MB that would inflate to 3 GiB.
        let zeros = try Self.members([UInt8](repeating: 0, count: 1 << 24), 192)
        #expect(zeros.count < 4_000_000)
        let refused = try #require(throws: DatasetError.self) {
            try Gzip.decompress(zeros, name: "bomb.gz", limit: 1 << 20)
        }
        guard case .tooLarge = refused else { Issue.record("\(refused)"); return }
        #expect(refused.description.contains("more than the 1,048,576 bytes expected"))

        // As a dataset file: a genuine header and images, then 48 of the members (800 KB that
        // would inflate to 800 MiB). Inflating stops at the 7,856 bytes the header promises, well
        // before the checksum would be reached.
        let folder = try TestPaths.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("t10k-images-idx3-ubyte.gz")
        let start = try Gzip.compress(Self.testImageBytes)
        try Data(start + zeros.prefix(zeros.count / 4)).write(to: url)
        let error = try #require(throws: DatasetError.self) {
            try DatasetReader.contents(of: Self.testImages, at: url, dataset: "MNIST")
        }
        guard case .trailingBytes = error else { Issue.record("\(error)"); return }
        #expect(error.description.contains("inflates to more than the 7,856 bytes its header promises"))
        #expect(!error.description.contains("\n"))
        // The whole 3 MB bomb is more gzip than 7,856 bytes can need: refused before inflating.
        try Data(start + zeros).write(to: url)
        let whole = try #require(throws: DatasetError.self) {
            try DatasetReader.contents(of: Self.testImages, at: url, dataset: "MNIST")
        }
        guard case .tooLarge = whole else { Issue.record("\(whole)"); return }
    }

    @Test("A file far larger than the dataset file can be is refused before it is read")
    func oversizedFiles() throws {
        let folder = try TestPaths.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Sparse files of 64 GiB: reading either would exhaust memory.
        let gz = folder.appendingPathComponent("t10k-images-idx3-ubyte.gz")
        let raw = folder.appendingPathComponent("t10k-images-idx3-ubyte")
        try Data(Gzip.compress(Self.testImageBytes)).write(to: gz)
        try Data(Self.testImageBytes).write(to: raw)
        for url in [gz, raw] {
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: 1 << 36)
            try handle.close()
        }
        let compressed = Self.message { try DatasetReader.contents(of: Self.testImages, at: gz, dataset: "MNIST") }
        #expect(compressed.contains("refused as too large: 68,719,476,736 bytes of gzip for the 7,856 bytes"))
        let plain = Self.message { try DatasetReader.contents(of: Self.testImages, at: raw, dataset: "MNIST") }
        #expect(plain.contains("unexpected extra bytes") && plain.contains("file has 68,719,476,736"), "\(plain)")
        // Gzip.readFile bounds what it reads too.
        let direct = Self.message { try Gzip.readFile(raw, limit: 1 << 20) }
        #expect(direct.contains("refused as too large"), "\(direct)")
    }

    @Test("Names that lie about the compression say which way and how to rename")
    func misnamed() throws {
        let folder = try TestPaths.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plainAsGz = folder.appendingPathComponent("t10k-images-idx3-ubyte.gz")
        try Data(Self.testImageBytes).write(to: plainAsGz)
        let first = Self.message { try DatasetReader.contents(of: Self.testImages, at: plainAsGz, dataset: "MNIST") }
        #expect(first.hasSuffix("named .gz, but it is an uncompressed IDX file; rename it to t10k-images-idx3-ubyte"))

        let textAsGz = folder.appendingPathComponent("other.gz")
        try Data("<html>not found</html>".utf8).write(to: textAsGz)
        let second = Self.message { try DatasetReader.contents(of: Self.testImages, at: textAsGz, dataset: "MNIST") }
        #expect(second.hasSuffix("named .gz, but it is not gzip data (it does not start with 1f 8b)"))

        let gzAsPlain = folder.appendingPathComponent("t10k-images-idx3-ubyte")
        try Data(Gzip.compress(Self.testImageBytes)).write(to: gzAsPlain)
        let third = Self.message { try DatasetReader.contents(of: Self.testImages, at: gzAsPlain, dataset: "MNIST") }
        #expect(third.hasSuffix("gzip-compressed, but its name lacks .gz; rename it to t10k-images-idx3-ubyte.gz"))
    }

    @Test("A header that promises another file is reported in counts before any checksum")
    func countBeforeChecksum() throws {
        let folder = try TestPaths.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("t10k-images-idx3-ubyte.gz")
        try Data(Gzip.compress(TinyIDX.images(count: 20))).write(to: url)
        let error = Self.message { try DatasetReader.contents(of: Self.testImages, at: url, dataset: "MNIST") }
        #expect(
            error.hasSuffix(
                "not the expected file: its header says 20 images of 28×28 (15,696 bytes), but MNIST's t10k-images-idx3-ubyte has 10 images of 28×28 (7,856 bytes)"
            ), "\(error)")
        // A header whose dimensions overflow is a one-line error, not a trap.
        let huge = TinyIDX.header(dimensions: [0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF])
        try Data(Gzip.compress(huge)).write(to: url)
        let overflow = Self.message { try DatasetReader.contents(of: Self.testImages, at: url, dataset: "MNIST") }
        #expect(overflow.contains("impossibly large"), "\(overflow)")
    }

    @Test("A pipe or a folder where a dataset file should be is refused for what it is, without blocking")
    func specialFiles() throws {
        let folder = try TestPaths.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("t10k-images-idx3-ubyte.gz")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let pipe = Self.message { try DatasetReader.contents(of: Self.testImages, at: fifo, dataset: "MNIST") }
        #expect(pipe.contains("not a regular file"), "\(pipe)")
        let directory = Self.message { try DatasetReader.contents(of: Self.testImages, at: folder, dataset: "MNIST") }
        #expect(directory.contains("it is a folder"), "\(directory)")
    }

    @Test("The advice for a corrupt file follows where it came from: --data, WORKBOOK_DATA, or the cache")
    func adviceByOrigin() throws {
        let folder = try TestPaths.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var labels = Self.miniature.contents["t10k-labels-idx1-ubyte"]!
        labels[labels.count - 1] = 3
        let mnist = folder.appendingPathComponent("mnist")
        try Self.miniature.write(into: mnist)
        try Data(Gzip.compress(labels)).write(to: mnist.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
        var generator = SeededGenerator(seed: 1)
        func message(flag: URL?, environment: [String: String], defaultFolder: URL) -> String {
            let loader = MNISTLocatorTests.loader(flag: flag, environment: environment, defaultFolder: defaultFolder)
            return Self.message { try loader.load(.mnist, generator: &generator) }
        }
        let empty = folder.appendingPathComponent("empty")
        let cache = message(flag: nil, environment: [:], defaultFolder: folder)
        #expect(cache.hasSuffix("delete it and run again to download a fresh copy into the default data folder"))
        let environment = message(flag: nil, environment: ["WORKBOOK_DATA": folder.path], defaultFolder: empty)
        #expect(environment.contains("files in the WORKBOOK_DATA folder are never downloaded"))
        #expect(!environment.contains("delete"))
        let flag = message(flag: folder, environment: [:], defaultFolder: empty)
        #expect(flag.contains("files in a --data folder are never downloaded"))
        for text in [cache, environment, flag] {
            #expect(text.hasPrefix("checksum mismatch for \(mnist.path)/t10k-labels-idx1-ubyte.gz"))
            #expect(!text.contains("\n"))
        }
    }

    @Test(
        "Genuine files of the other dataset are named as such, and never called corrupt",
        .enabled(
            if: SharedData.has(.mnist) && SharedData.has(.fashion),
            "the real MNIST and Fashion-MNIST files are not in ../shared/data or WORKBOOK_DATA"))
    func otherDataset() throws {
        let shared = try #require(SharedData.folder)
        let folder = try TestPaths.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Fashion-MNIST's files straight in the folder, where MNIST is looked for too; and
        // MNIST's files in the fashion-mnist/ subfolder.
        let fashion = folder.appendingPathComponent("fashion-mnist")
        try FileManager.default.createDirectory(at: fashion, withIntermediateDirectories: true)
        for file in DatasetKind.fashion.files.all {
            try FileManager.default.createSymbolicLink(
                at: folder.appendingPathComponent(file.gzName),
                withDestinationURL: shared.appendingPathComponent("fashion-mnist/\(file.gzName)"))
            try FileManager.default.createSymbolicLink(
                at: fashion.appendingPathComponent(file.gzName),
                withDestinationURL: shared.appendingPathComponent("mnist/\(file.gzName)"))
        }
        var generator = SeededGenerator(seed: 1)
        func load(_ kind: DatasetKind) -> String {
            var loader = DatasetLoader(dataFolder: folder)
            loader.allowDownload = false
            return Self.message { try loader.load(kind, generator: &generator) }
        }
        let asMNIST = load(.mnist)
        #expect(
            asMNIST
                == "\(folder.path)/train-images-idx3-ubyte.gz holds Fashion-MNIST's train-images-idx3-ubyte, but MNIST's train-images-idx3-ubyte was expected: the file is genuine; keep each dataset in its own subfolder, fashion-mnist/ and mnist/, of the data folder"
        )
        let asFashion = load(.fashion)
        #expect(asFashion.contains("holds MNIST's train-images-idx3-ubyte, but Fashion-MNIST's"), "\(asFashion)")
        #expect(asFashion.hasSuffix("(--dataset fashion asks for Fashion-MNIST)"))
        #expect(!asMNIST.contains("corrupt") && !asFashion.contains("delete"))
    }
}
