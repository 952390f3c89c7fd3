// A committed results.json holds only what the seed determines: the same seed writes the same
// file on every machine. Wall-clock times belong in the run's printout ("Sections took: …"), so a
// key naming seconds or a rate per second is a mistake this test catches.

import Foundation
import Testing

import TestSupport

@Suite("Committed results — only what the seed determines")
struct ResultsDeterminismTests {
    /// Every committed results.json: each chapter's, its committed variants' (Chapter 06's
    /// fashion/), and the quick runs' that CI compares against.
    static func committedResults() throws -> [URL] {
        let output = TestPaths.packageRoot.appendingPathComponent("output")
        guard let walker = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil) else {
            return []
        }
        return walker.compactMap { $0 as? URL }.filter { $0.lastPathComponent == "results.json" }
    }

    /// The keys of a results object that name a time, dotted as the chapters write them.
    static func timingKeys(_ value: Any, path: String = "") -> [String] {
        if let object = value as? [String: Any] {
            return object.flatMap { key, inner -> [String] in
                let inside = path.isEmpty ? key : "\(path).\(key)"
                let own = key.range(of: "seconds|persecond", options: [.regularExpression, .caseInsensitive]) != nil
                return (own ? [inside] : []) + timingKeys(inner, path: inside)
            }
        }
        if let array = value as? [Any] { return array.flatMap { timingKeys($0, path: path) } }
        return []
    }

    @Test("no committed results.json records a wall-clock time")
    func noTimings() throws {
        let files = try Self.committedResults()
        #expect(files.count >= 16, "each chapter's full and quick results are committed")
        for file in files {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: file))
            let keys = Self.timingKeys(json)
            #expect(keys.isEmpty, "\(file.path) records timings: \(keys.sorted().joined(separator: ", "))")
        }
    }

    @Test("the check finds a timing key however deep it sits, and passes learned numbers")
    func checkCatchesTimings() {
        let results: [String: Any] = [
            "results": ["mnist.h30.testAccuracy": 0.95, "runs": [["network.secondsPerEpoch": 27.4]]],
            "configuration": ["charactersPerSecond": 88_300.0, "epochs": 30],
        ]
        #expect(
            Self.timingKeys(results).sorted() == [
                "configuration.charactersPerSecond", "results.runs.network.secondsPerEpoch",
            ])
        #expect(Self.timingKeys(["results": ["mnist.h30.testAccuracy": 0.95]]).isEmpty)
    }
}
