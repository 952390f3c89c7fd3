// The committed seed corpora of the fuzz targets, replayed in every test run: each corpus is
// there and holds inputs the parser accepts as well as ones it refuses, and none of them traps.
// (`make fuzz` mutates these seeds for a chosen time; this only replays them.)

import Figures
import Foundation
import FuzzTargets
import NeuralCore
import TestSupport
import Testing

@Suite("Fuzz targets — the committed seed corpora replay without a crash")
struct FuzzCorpusTests {
    static let corpus = TestPaths.packageRoot.appendingPathComponent("Tests/Fuzz/Corpus")

    static func seeds(_ target: FuzzTarget) throws -> [URL] {
        try FuzzReplay.inputs([corpus.appendingPathComponent(target.rawValue).path])
    }

    @Test("Every target's corpus replays through its parser", arguments: FuzzTarget.allCases)
    func replay(target: FuzzTarget) throws {
        let files = try Self.seeds(target)
        #expect(files.count >= 4, "\(target.rawValue) has \(files.count) seeds")
        for file in files { target.run([UInt8](try Data(contentsOf: file))) }
    }

    @Test("Each corpus holds inputs its parser accepts and inputs it refuses", arguments: FuzzTarget.allCases)
    func acceptedAndRefused(target: FuzzTarget) throws {
        let outcomes = try Self.seeds(target).map { file in Self.accepts(target, [UInt8](try Data(contentsOf: file))) }
        #expect(
            outcomes.contains(true), "no seed of \(target.rawValue) parses: the fuzzer would start outside the format")
        #expect(outcomes.contains(false), "no seed of \(target.rawValue) is refused")
    }

    /// Whether the target's parser accepts `bytes` (throws nothing).
    static func accepts(_ target: FuzzTarget, _ bytes: [UInt8]) -> Bool {
        switch target {
        case .idx:
            let raw = Gzip.looksCompressed(bytes) ? (try? Gzip.decompress(bytes)) : bytes
            guard let raw else { return false }
            return (try? IDX.parseImages(raw, file: "seed")) != nil || (try? IDX.parseLabels(raw, file: "seed")) != nil
        case .png: return (try? PNGImage(data: bytes)) != nil
        case .modelFile: return (try? ModelFile.decode(Data(bytes))) != nil
        case .text: return (try? TextCorpus.decode(Data(bytes), path: "seed")) != nil
        }
    }

    @Test("The replay tool refuses a path that is not there, with the path in the message")
    func missingPath() {
        #expect(throws: (any Error).self) { try FuzzReplay.inputs(["/no/such/corpus"]) }
    }
}
