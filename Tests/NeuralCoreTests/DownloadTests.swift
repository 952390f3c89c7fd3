import Foundation
import NeuralCore
import Testing

@Suite("Downloader", .serialized)
struct DownloadTests {
    /// Seconds the stalling endpoint may keep a download waiting before the attempt is dropped.
    static let shortTimeout: TimeInterval = 1.5
    /// Upper bound on how long a timed-out attempt may take in total.
    static let stallAllowance: TimeInterval = 10

    static let content = TinyIDX.labels([5, 0, 4, 1, 9, 2])
    static var file: DatasetFile {
        DatasetFile(name: "train-labels-idx1-ubyte", sha256: SHA256.hex(content), byteCount: content.count)
    }

    static func freshFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("download-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Names of the files in `folder`, including hidden temporaries.
    static func contents(of folder: URL) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    }

    static func server() throws -> DownloadTestServer {
        let corrupted = try Gzip.compress(TinyIDX.labels([5, 0, 4, 1, 9, 3]))
        return try DownloadTestServer(routes: [
            "/good/train-labels-idx1-ubyte.gz": .body(try Gzip.compress(content)),
            "/plain/train-labels-idx1-ubyte.gz": .body(content),
            "/corrupt/train-labels-idx1-ubyte.gz": .body(corrupted),
            "/stall/train-labels-idx1-ubyte.gz": .stall,
            "/huge/train-labels-idx1-ubyte.gz": .body([UInt8](repeating: 7, count: 4 << 20)),
        ])
    }

    static func mirror(_ server: DownloadTestServer, _ name: String) -> URL {
        server.baseURL.appendingPathComponent(name + "/")
    }

    @Test("a good file lands in the folder with the right content")
    func good() throws {
        let server = try Self.server()
        defer { server.stop() }
        let folder = try Self.freshFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let downloader = Downloader(
            mirrors: [Self.mirror(server, "good")], datasetName: "MNIST", timeout: Self.shortTimeout)
        let written = try downloader.download(Self.file, into: folder)
        #expect(written.lastPathComponent == "train-labels-idx1-ubyte.gz")
        #expect(try Gzip.readFile(written) == Self.content)
        #expect(Self.contents(of: folder) == ["train-labels-idx1-ubyte.gz"])
    }

    @Test("an uncompressed answer is accepted and stored without .gz")
    func plain() throws {
        let server = try Self.server()
        defer { server.stop() }
        let folder = try Self.freshFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let downloader = Downloader(mirrors: [Self.mirror(server, "plain")], timeout: Self.shortTimeout)
        let written = try downloader.download(Self.file, into: folder)
        #expect(written.lastPathComponent == "train-labels-idx1-ubyte")
        #expect(try Gzip.readFile(written) == Self.content)
    }

    @Test("a corrupted file is rejected by its checksum and leaves nothing behind")
    func corrupt() throws {
        let server = try Self.server()
        defer { server.stop() }
        let folder = try Self.freshFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let downloader = Downloader(mirrors: [Self.mirror(server, "corrupt")], timeout: Self.shortTimeout)
        let error = try #require(throws: DatasetError.self) { try downloader.download(Self.file, into: folder) }
        #expect(error.description.contains("checksum mismatch"))
        #expect(error.description.contains("/corrupt/train-labels-idx1-ubyte.gz"))
        #expect(Self.contents(of: folder).isEmpty)
    }

    @Test("an answer larger than the file can be is stopped and refused, leaving nothing behind")
    func huge() throws {
        let server = try Self.server()
        defer { server.stop() }
        let folder = try Self.freshFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let downloader = Downloader(mirrors: [Self.mirror(server, "huge")], timeout: Self.shortTimeout)
        let error = #expect(throws: DatasetError.self) { try downloader.download(Self.file, into: folder) }
        #expect(String(describing: error).contains("more than the"), "\(String(describing: error))")
        #expect(Self.contents(of: folder).isEmpty)
    }

    @Test("a 404 is an error naming the status")
    func notFound() throws {
        let server = try Self.server()
        defer { server.stop() }
        let folder = try Self.freshFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let downloader = Downloader(mirrors: [Self.mirror(server, "missing")], timeout: Self.shortTimeout)
        let error = try #require(throws: DatasetError.self) { try downloader.download(Self.file, into: folder) }
        #expect(error.description.contains("404"))
        #expect(Self.contents(of: folder).isEmpty)
    }

    @Test("a server that accepts and never answers times out")
    func stall() throws {
        let server = try Self.server()
        defer { server.stop() }
        let folder = try Self.freshFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let downloader = Downloader(
            mirrors: [Self.mirror(server, "stall")], timeout: Self.shortTimeout, maximumDuration: 5)
        let start = Date()
        let error = try #require(throws: DatasetError.self) { try downloader.download(Self.file, into: folder) }
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed < Self.stallAllowance, "took \(elapsed) s")
        #expect(error.description.contains("timed out"))
        #expect(Self.contents(of: folder).isEmpty)
    }

    @Test("mirrors are tried in order: 404, then corrupt, then good succeeds")
    func fallback() throws {
        let server = try Self.server()
        defer { server.stop() }
        let folder = try Self.freshFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let downloader = Downloader(
            mirrors: ["missing", "corrupt", "good"].map { Self.mirror(server, $0) }, timeout: Self.shortTimeout)
        let written = try downloader.download(Self.file, into: folder)
        #expect(try Gzip.readFile(written) == Self.content)
        #expect(
            server.requestedPaths == [
                "/missing/train-labels-idx1-ubyte.gz", "/corrupt/train-labels-idx1-ubyte.gz",
                "/good/train-labels-idx1-ubyte.gz",
            ])
        #expect(Self.contents(of: folder) == ["train-labels-idx1-ubyte.gz"])
    }

    @Test("when every mirror fails, the error lists each failure")
    func allFail() throws {
        let server = try Self.server()
        defer { server.stop() }
        let folder = try Self.freshFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let downloader = Downloader(
            mirrors: ["missing", "corrupt"].map { Self.mirror(server, $0) }, timeout: Self.shortTimeout)
        let error = try #require(throws: DatasetError.self) { try downloader.download(Self.file, into: folder) }
        let lines = error.description.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].contains("/missing/") && lines[1].contains("404"))
        #expect(lines[2].contains("/corrupt/") && lines[2].contains("checksum"))
        #expect(Self.contents(of: folder).isEmpty)
    }
}
