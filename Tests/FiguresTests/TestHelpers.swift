// Shared helpers for the Figures tests: where sample figures go, and pixel comparisons.

import Foundation
import Testing
@testable import Figures

/// Where tests write figures: `FIGURES_SAMPLES` if set (to look at them), else a fresh temporary folder.
func sampleFolder() -> URL {
    if let path = ProcessInfo.processInfo.environment["FIGURES_SAMPLES"], !path.isEmpty {
        return URL(fileURLWithPath: path, isDirectory: true)
    }
    return FileManager.default.temporaryDirectory.appendingPathComponent(
        "figures-tests-\(UUID().uuidString)", isDirectory: true)
}

/// Metadata every test figure carries.
let testMetadata: [(String, String)] = [("chapter", "test"), ("seed", "42"), ("Software", "Neural Workbook Figures")]

/// A figure counts as non-blank when it uses at least this many distinct colours.
let nonBlankColourCount = 50
/// Largest PNG a single figure may be, in bytes (figures should stay lean).
let maximumFigureBytes = 400_000
/// 8-bit channel difference allowed between an expected colour and a rendered pixel
/// (rounding of colour mixing and premultiplied alpha).
let channelTolerance = 2

/// Writes `chart`, reads it back and checks that it is a real, lean, non-blank figure.
@discardableResult
func writeAndCheck(_ chart: some Chart, name: String, width: Int? = nil, height: Int? = nil) throws -> PNGImage {
    let url = sampleFolder().appendingPathComponent(name)
    try chart.write(to: url, metadata: testMetadata, width: width, height: height)
    let bytes = try [UInt8](Data(contentsOf: url))
    #expect(bytes.count < maximumFigureBytes, "\(name) is \(bytes.count) bytes")
    let image = try PNGImage(data: bytes)
    #expect(image.width == (width ?? chart.preferredSize.width) * Legibility.density)
    #expect(image.height == (height ?? chart.preferredSize.height) * Legibility.density)
    #expect(image.distinctColourCount >= nonBlankColourCount, "\(name) has only \(image.distinctColourCount) colours")
    let entries = try PNGText.entries(in: bytes)
    #expect(entries.map(\.keyword) == ["chapter", "seed", "Software", "Display width", "Smallest text"])
    #expect(entries.first { $0.keyword == "Display width" }?.text == String(width ?? chart.preferredSize.width))
    let smallest = try #require(entries.first { $0.keyword == "Smallest text" }.flatMap { Double($0.text) })
    #expect(smallest >= Legibility.smallestReadableText, "\(name)'s smallest text is \(smallest) px")
    return image
}

/// Whether two 8-bit RGB(A) pixels agree within `channelTolerance` on red, green and blue.
func closeRGB(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    zip(a.prefix(3), b.prefix(3)).allSatisfy { abs(Int($0) - Int($1)) <= channelTolerance }
}
