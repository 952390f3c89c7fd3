// Checks shared by the chapter test suites: a quick run's figures are readable PNGs carrying
// their chapter and seed, and its results.json holds a results object.

import ChapterRunner
import Figures
import Foundation
import Testing

public enum ChapterRunCheck {
    /// A figure worth reading has many colours (anti-aliased text, lines, fills), not a blank page.
    public static let minimumDistinctColours = 50

    /// Expects every figure in `folder` to be a non-blank PNG tagged with `chapter` and `seed`,
    /// and returns the "results" object of the folder's results.json.
    public static func figuresAndResults(
        in folder: URL, figures: [String], chapter: String, seed: UInt64,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String: JSONValue] {
        for figure in figures {
            let url = folder.appendingPathComponent(figure)
            let image = try PNGImage(contentsOf: url)
            #expect(
                image.width > 300 && image.height > 200, "\(figure) is \(image.width)×\(image.height)",
                sourceLocation: sourceLocation)
            #expect(
                image.distinctColourCount >= minimumDistinctColours, "\(figure) looks blank",
                sourceLocation: sourceLocation)
            let text = try PNGText.entries(in: Array(try Data(contentsOf: url)))
            #expect(text.contains { $0.keyword == "Chapter" && $0.text == chapter }, sourceLocation: sourceLocation)
            #expect(text.contains { $0.keyword == "Seed" && $0.text == String(seed) }, sourceLocation: sourceLocation)
        }
        let json = try JSONDecoder().decode(
            JSONValue.self, from: Data(contentsOf: folder.appendingPathComponent("results.json")))
        guard case .object(let document) = json, case .object(let results)? = document["results"] else {
            Issue.record("results.json has no results object", sourceLocation: sourceLocation)
            return [:]
        }
        return results
    }
}

extension ChapterRunCheck {
    /// The "results" object of the results.json in `folder`.
    /// - Throws: when the file is missing, is not JSON, or holds no results object.
    public static func results(in folder: URL) throws -> [String: JSONValue] {
        let json = try JSONDecoder().decode(
            JSONValue.self, from: Data(contentsOf: folder.appendingPathComponent("results.json")))
        guard case .object(let document) = json, case .object(let results)? = document["results"] else {
            throw NoResults(folder: folder.path)
        }
        return results
    }

    /// `results(in:)` without the timings (keys naming seconds or a rate per second), which differ
    /// from run to run; what `.ci/compare-results` compares.
    public static func learnedResults(in folder: URL) throws -> [String: JSONValue] {
        try results(in: folder).filter { key, _ in
            let lower = key.lowercased()
            return !lower.contains("seconds") && !lower.contains("persecond")
        }
    }

    /// Whether two results agree as `.ci/compare-results` judges them: numbers to 1e-9 relative
    /// (an `--only` run may round the last bit of a BLAS sum differently), arrays and objects entry
    /// by entry, anything else exactly.
    public static func agree(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        switch (a, b) {
        case (.number(let x)?, .number(let y)?):
            return abs(x - y) <= 1e-9 * max(1, abs(x), abs(y))
        case (.array(let xs)?, .array(let ys)?):
            return xs.count == ys.count && zip(xs, ys).allSatisfy { agree($0, $1) }
        case (.object(let xs)?, .object(let ys)?):
            return xs.keys.sorted() == ys.keys.sorted() && xs.allSatisfy { key, value in agree(value, ys[key]) }
        default:
            return a == b
        }
    }

    struct NoResults: Error, CustomStringConvertible {
        let folder: String
        var description: String { "\(folder)/results.json has no results object" }
    }
}
