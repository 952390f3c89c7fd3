import Foundation
import NeuralCore
import Testing

/// A miniature MNIST (20 training and 10 test images) with its own checksums, written to disk.
struct MiniatureMNIST {
    static let trainCount = 20
    static let testCount = 10

    let contents: [String: [UInt8]]
    let files: DatasetFiles

    init() {
        let trainLabels = (0..<Self.trainCount).map { UInt8($0 % 10) }
        let testLabels = (0..<Self.testCount).map { UInt8(9 - $0 % 10) }
        let contents = [
            "train-images-idx3-ubyte": TinyIDX.images(count: Self.trainCount),
            "train-labels-idx1-ubyte": TinyIDX.labels(trainLabels),
            "t10k-images-idx3-ubyte": TinyIDX.images(count: Self.testCount),
            "t10k-labels-idx1-ubyte": TinyIDX.labels(testLabels),
        ]
        func file(_ name: String) -> DatasetFile {
            DatasetFile(name: name, sha256: SHA256.hex(contents[name]!), byteCount: contents[name]!.count)
        }
        self.contents = contents
        files = DatasetFiles(
            trainImages: file("train-images-idx3-ubyte"), trainLabels: file("train-labels-idx1-ubyte"),
            testImages: file("t10k-images-idx3-ubyte"), testLabels: file("t10k-labels-idx1-ubyte"))
    }

    /// Writes the four files into `folder`, gzipped (`name.gz`) or not.
    func write(into folder: URL, gzipped: Bool = true) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, bytes) in contents {
            let url = folder.appendingPathComponent(gzipped ? name + ".gz" : name)
            try Data(gzipped ? Gzip.compress(bytes) : bytes).write(to: url)
        }
    }
}

@Suite("MNIST locating and fallback", .serialized)
struct MNISTLocatorTests {
    static let syntheticTrain = 60
    static let syntheticTest = 20

    static func temporaryFolder(_ label: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "locator-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A loader that sees only the given environment and default folder, and no real network.
    static func loader(flag: URL? = nil, environment: [String: String] = [:], defaultFolder: URL) -> DatasetLoader {
        var loader = DatasetLoader(dataFolder: flag)
        loader.environment = environment
        loader.defaultFolder = defaultFolder
        loader.allowDownload = false
        loader.syntheticTrainCount = syntheticTrain
        loader.syntheticTestCount = syntheticTest
        loader.expectedFiles = MiniatureMNIST().files
        loader.downloadTimeout = 2
        return loader
    }

    @Test("--data beats WORKBOOK_DATA, which beats the default folder")
    func precedence() {
        let flag = URL(fileURLWithPath: "/flag"), env = "/from-env", fallback = URL(fileURLWithPath: "/default")
        let all = DataLocator.resolve(flag: flag, environment: ["WORKBOOK_DATA": env], defaultFolder: fallback)
        #expect(all == DataLocation(folder: flag, origin: .flag))
        let noFlag = DataLocator.resolve(flag: nil, environment: ["WORKBOOK_DATA": env], defaultFolder: fallback)
        #expect(noFlag.folder.path == env && noFlag.origin == .environment)
        let nothing = DataLocator.resolve(flag: nil, environment: ["WORKBOOK_DATA": ""], defaultFolder: fallback)
        #expect(nothing == DataLocation(folder: fallback, origin: .defaultFolder))
        #expect(
            DataLocator.defaultFolder(home: URL(fileURLWithPath: "/home/u")).path
                == "/home/u/.cache/neural-workbook/data")
    }

    @Test("The default folder follows $XDG_CACHE_HOME when it is absolute, else $HOME")
    func defaultFolderFollowsEnvironment() {
        func folder(_ environment: [String: String]) -> String {
            DataLocator.defaultFolder(environment: environment).path
        }
        #expect(folder(["HOME": "/home/u"]) == "/home/u/.cache/neural-workbook/data")
        #expect(folder(["HOME": "/home/u", "XDG_CACHE_HOME": "/var/cache/u"]) == "/var/cache/u/neural-workbook/data")
        // A relative XDG_CACHE_HOME is ignored, as the XDG specification says.
        #expect(folder(["HOME": "/home/u", "XDG_CACHE_HOME": "cache"]) == "/home/u/.cache/neural-workbook/data")
        // Without HOME, the account's home directory.
        #expect(folder([:]) == DataLocator.defaultFolder(home: FileManager.default.homeDirectoryForCurrentUser).path)
    }

    @Test("files are found in <folder>/mnist/ and directly in <folder>/, gzipped or not")
    func findsFiles() throws {
        let miniature = MiniatureMNIST()
        let nested = try Self.temporaryFolder("nested"), flat = try Self.temporaryFolder("flat")
        defer { try? FileManager.default.removeItem(at: nested); try? FileManager.default.removeItem(at: flat) }
        try miniature.write(into: nested.appendingPathComponent("mnist"))
        try miniature.write(into: flat, gzipped: false)

        var generator = SeededGenerator(seed: 1)
        for (folder, expectedSource) in [(nested, nested.appendingPathComponent("mnist")), (flat, flat)] {
            let loaded = try Self.loader(flag: folder, defaultFolder: flat).load(.mnist, generator: &generator)
            #expect(loaded.train.count == MiniatureMNIST.trainCount)
            #expect(loaded.test.count == MiniatureMNIST.testCount)
            #expect(loaded.test.labels.first == 9)
            #expect(loaded.source.folder?.standardizedFileURL.path == expectedSource.standardizedFileURL.path)
            #expect(loaded.notice.contains("20 training + 10 test images from"))
        }
        // Fashion-MNIST is looked for in its own subfolder, not in mnist/.
        let fashion = DataLocator.find(.fashion, files: miniature.files, in: nested)
        #expect(fashion.missing.count == 4)
    }

    @Test("WORKBOOK_DATA is used when there is no flag")
    func environmentFolder() throws {
        let data = try Self.temporaryFolder("env"), empty = try Self.temporaryFolder("empty")
        defer { try? FileManager.default.removeItem(at: data); try? FileManager.default.removeItem(at: empty) }
        try MiniatureMNIST().write(into: data.appendingPathComponent("mnist"))
        var generator = SeededGenerator(seed: 1)
        let loaded = try Self.loader(environment: ["WORKBOOK_DATA": data.path], defaultFolder: empty)
            .load(.mnist, generator: &generator)
        #expect(
            loaded.source.folder?.standardizedFileURL.path
                == data.appendingPathComponent("mnist").standardizedFileURL.path)
    }

    @Test("a --data path that is a file or does not exist says so, not that files are missing in it")
    func explicitPathNotAFolder() throws {
        let folder = try Self.temporaryFolder("not-a-folder")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("passwd")
        try Data("root:x:0:0\n".utf8).write(to: file)
        var generator = SeededGenerator(seed: 1)
        let onFile = try #require(throws: DatasetError.self) {
            try Self.loader(flag: file, defaultFolder: folder).load(.mnist, generator: &generator)
        }
        #expect(onFile.description.contains("\(file.path) (given with --data) is a file, not a folder"), "\(onFile)")
        let nowhere = folder.appendingPathComponent("no-such-folder")
        let onMissing = try #require(throws: DatasetError.self) {
            try Self.loader(flag: nowhere, defaultFolder: folder).load(.mnist, generator: &generator)
        }
        #expect(onMissing.description.contains("does not exist"), "\(onMissing)")
    }

    @Test("a --data folder without the files is an error, not a silent fallback")
    func missingExplicitFolder() throws {
        let empty = try Self.temporaryFolder("missing")
        defer { try? FileManager.default.removeItem(at: empty) }
        var generator = SeededGenerator(seed: 1)
        let error = try #require(throws: DatasetError.self) {
            try Self.loader(flag: empty, defaultFolder: empty).load(.mnist, generator: &generator)
        }
        #expect(error.description.contains("MNIST files not found in \(empty.path)"))
        #expect(error.description.contains("--data"))
        #expect(error.description.contains("train-images-idx3-ubyte.gz"))

        let viaEnvironment = try #require(throws: DatasetError.self) {
            try Self.loader(environment: ["WORKBOOK_DATA": empty.path], defaultFolder: empty)
                .load(.mnist, generator: &generator)
        }
        #expect(viaEnvironment.description.contains("WORKBOOK_DATA"))
    }

    @Test("a corrupt file in the chosen folder is a checksum error that advises replacing it")
    func corruptExplicitFile() throws {
        let folder = try Self.temporaryFolder("corrupt")
        defer { try? FileManager.default.removeItem(at: folder) }
        let miniature = MiniatureMNIST()
        try miniature.write(into: folder)
        var labels = miniature.contents["t10k-labels-idx1-ubyte"]!
        labels[labels.count - 1] = 3
        try Data(Gzip.compress(labels)).write(to: folder.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
        var generator = SeededGenerator(seed: 1)
        let error = try #require(throws: DatasetError.self) {
            try Self.loader(flag: folder, defaultFolder: folder).load(.mnist, generator: &generator)
        }
        #expect(error.description.contains("checksum mismatch for \(folder.path)/t10k-labels-idx1-ubyte.gz"))
        #expect(error.description.contains("not the official MNIST"))
        // A --data folder is never downloaded into: the advice is to replace the file, not to delete it.
        #expect(error.description.contains("replace it with an intact copy"))
        #expect(!error.description.contains("delete"))
        // Skipping verification loads it anyway.
        var unchecked = Self.loader(flag: folder, defaultFolder: folder)
        unchecked.verifyChecksums = false
        #expect(try unchecked.load(.mnist, generator: &generator).test.labels.last == 3)
    }

    @Test("nothing anywhere and no download: generated digits with a notice")
    func syntheticFallback() throws {
        let empty = try Self.temporaryFolder("nothing")
        defer { try? FileManager.default.removeItem(at: empty) }
        var generator = SeededGenerator(seed: 5)
        let loaded = try Self.loader(defaultFolder: empty).load(.mnist, generator: &generator)
        #expect(loaded.train.count == Self.syntheticTrain && loaded.test.count == Self.syntheticTest)
        #expect(loaded.source.isSynthetic)
        #expect(loaded.notice.hasPrefix("MNIST not found in \(empty.path)"))
        #expect(loaded.notice.contains("using 80 generated digits instead; pass --data PATH or set WORKBOOK_DATA"))
        #expect(!loaded.notice.contains("\n"))

        var strict = Self.loader(defaultFolder: empty)
        strict.allowSynthetic = false
        #expect(throws: DatasetError.self) { try strict.load(.mnist, generator: &generator) }
    }

    @Test("missing files in the default folder are downloaded from the mirrors")
    func downloads() throws {
        let miniature = MiniatureMNIST()
        var routes: [String: DownloadTestServer.Route] = [:]
        for (name, bytes) in miniature.contents { routes["/mirror/\(name).gz"] = .body(try Gzip.compress(bytes)) }
        let server = try DownloadTestServer(routes: routes)
        defer { server.stop() }
        let cache = try Self.temporaryFolder("cache")
        defer { try? FileManager.default.removeItem(at: cache) }

        var loader = Self.loader(defaultFolder: cache)
        loader.allowDownload = true
        loader.mirrors = [
            server.baseURL.appendingPathComponent("missing/"), server.baseURL.appendingPathComponent("mirror/"),
        ]
        var generator = SeededGenerator(seed: 1)
        let loaded = try loader.load(.mnist, generator: &generator)
        #expect(
            loaded.source.folder?.standardizedFileURL.path
                == cache.appendingPathComponent("mnist").standardizedFileURL.path)
        #expect(loaded.train.count == MiniatureMNIST.trainCount)
        #expect(loaded.notice.contains("downloaded to"))
        let stored = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("mnist").path)
        #expect(stored.sorted() == miniature.files.all.map(\.gzName).sorted())

        // A second run finds the downloaded files.
        let again = try loader.load(.mnist, generator: &generator)
        #expect(
            again.source.folder?.standardizedFileURL.path
                == cache.appendingPathComponent("mnist").standardizedFileURL.path)
        #expect(again.source.notice.hasPrefix("using the dataset files in"))
    }

    @Test("no mirror has the files: generated digits, with the mirror's own reason in the notice")
    func downloadFailsThenSynthetic() throws {
        let server = try DownloadTestServer(routes: [:])
        defer { server.stop() }
        let cache = try Self.temporaryFolder("offline")
        defer { try? FileManager.default.removeItem(at: cache) }
        var loader = Self.loader(defaultFolder: cache)
        loader.allowDownload = true
        loader.mirrors = [server.baseURL]
        var generator = SeededGenerator(seed: 1)
        let loaded = try loader.load(.mnist, generator: &generator)
        #expect(loaded.source.isSynthetic)
        #expect(loaded.notice.contains("and could not be downloaded ("))
        #expect(loaded.notice.contains("train-images-idx3-ubyte.gz: HTTP 404"), "\(loaded.notice)")
        #expect(loaded.notice.contains("): using 80 generated digits"))
        #expect(!loaded.notice.contains("\n"))
        let leftovers =
            (try? FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("mnist").path)) ?? []
        #expect(leftovers.isEmpty)
    }
}
