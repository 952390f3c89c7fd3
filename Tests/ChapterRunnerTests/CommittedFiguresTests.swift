// Every committed figure is legible where it is read: drawn for the page's 880 px, stored at twice
// the pixels, no text a reader sees below 11 px, under 400 KB. The figures library measures the
// first three while drawing and writes them into each PNG; this test reads them back.

import Figures
import Foundation
import Testing
import TestSupport

@Suite("Committed figures")
struct CommittedFiguresTests {
    static let output = TestPaths.packageRoot.appendingPathComponent("output")
    static let largestFile = 400_000

    /// Every committed PNG under output/, as paths relative to it: the quick runs' figures and a
    /// learner's own runs with changed knobs (`Chapter03/eta-100/`), which are not committed, aside.
    static func figures() throws -> [String] {
        let enumerator = try #require(FileManager.default.enumerator(atPath: output.path))
        return enumerator.compactMap { $0 as? String }
            .filter { path in
                path.hasSuffix(".png") && !path.hasPrefix("quick/")
                    && (path.split(separator: "/").count == 2 || path.hasPrefix("Chapter06/fashion/"))
            }
            .sorted()
    }

    @Test("there are committed figures in every chapter")
    func present() throws {
        let chapters = Set(try Self.figures().map { String($0.prefix(9)) })
        #expect(chapters == Set((1...8).map { String(format: "Chapter%02d", $0) }))
    }

    @Test("each figure is drawn for 880 px at twice the pixels, its text at least 11 px, under 400 KB")
    func legible() throws {
        for name in try Self.figures() {
            let url = Self.output.appendingPathComponent(name)
            let bytes = try [UInt8](Data(contentsOf: url))
            #expect(bytes.count < Self.largestFile, "\(name) is \(bytes.count / 1000) KB")
            let image = try PNGImage(data: bytes)
            let entries = try PNGText.entries(in: bytes)
            func value(_ key: String) -> Double? { entries.first { $0.keyword == key }.flatMap { Double($0.text) } }
            guard let width = value("Display width") else {
                Issue.record("\(name) does not say the width it was drawn for: regenerate it")
                continue
            }
            #expect(width <= Double(Legibility.maximumDisplayWidth), "\(name) is drawn \(width) px wide")
            #expect(Double(image.width) == width * Double(Legibility.density), "\(name) is not stored at 2×")
            let smallest = try #require(value("Smallest text"), "\(name) does not record its smallest text")
            #expect(smallest >= Legibility.smallestReadableText, "\(name)'s smallest text is \(smallest) px")
        }
    }
}
