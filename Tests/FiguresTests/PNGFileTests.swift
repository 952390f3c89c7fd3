import Foundation
import Testing
@testable import Figures

@Suite("PNG files")
struct PNGFileTests {
    /// A 20×10 canvas: left half pure red, right half pure blue — exact pixels, no antialiasing.
    static func knownDrawing() -> Canvas {
        let canvas = Canvas(width: 20, height: 10)
        canvas.fill(PixelRect(x: 0, y: 0, width: 10, height: 10), colour: Colour(rgb255: 255, 0, 0))
        canvas.fill(PixelRect(x: 10, y: 0, width: 10, height: 10), colour: Colour(rgb255: 0, 0, 255))
        return canvas
    }

    @Test("write then read gives the size, exact pixels and the text chunks")
    func roundTrip() throws {
        let url = sampleFolder().appendingPathComponent("roundtrip.png")
        try Self.knownDrawing().write(to: url, metadata: testMetadata)
        let image = try PNGImage(contentsOf: url)
        #expect(image.width == 20 && image.height == 10)
        #expect(image.pixel(x: 0, y: 0) == [255, 0, 0, 255])
        #expect(image.pixel(x: 9, y: 9) == [255, 0, 0, 255])
        #expect(image.pixel(x: 10, y: 0) == [0, 0, 255, 255])
        #expect(image.pixel(x: 19, y: 5) == [0, 0, 255, 255])
        let entries = try PNGText.entries(in: [UInt8](Data(contentsOf: url)))
        #expect(entries.map(\.keyword) == ["chapter", "seed", "Software", "Display width"])
        #expect(entries.map(\.text) == ["test", "42", "Neural Workbook Figures", "20"])
    }

    @Test("translucent pixels survive the premultiplied round trip")
    func translucent() throws {
        let canvas = Canvas(width: 4, height: 4, background: Colour(red: 0, green: 0, blue: 0, alpha: 0))
        canvas.fill(canvas.bounds, colour: Colour(rgb255: 200, 100, 50).withAlpha(0.5))
        let image = try PNGImage(data: try canvas.pngBytes())
        let pixel = image.pixel(x: 1, y: 1)
        #expect(closeRGB(pixel, [200, 100, 50]))
        #expect(abs(Int(pixel[3]) - 128) <= channelTolerance)
    }

    @Test("writing into a folder that cannot exist throws a readable error and leaves no file")
    func unwritable() throws {
        let folder = sampleFolder().appendingPathComponent("unwritable-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // A regular file where a folder is expected: no user, not even root, can write below it.
        let blocker = folder.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocker)
        let url = blocker.appendingPathComponent("figure.png")
        let error = #expect(throws: (any Error).self) {
            try Self.knownDrawing().write(to: url, metadata: testMetadata)
        }
        #expect(String(describing: error!).contains("not-a-folder"))
        #expect(!FileManager.default.fileExists(atPath: url.path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["not-a-folder"])
    }

    @Test("a bad metadata keyword throws and writes nothing")
    func badKeyword() throws {
        let url = sampleFolder().appendingPathComponent("bad-keyword-\(UUID().uuidString).png")
        #expect(throws: PNGError.self) {
            try Self.knownDrawing().write(to: url, metadata: [("", "empty keyword")])
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test("reading something that is not a PNG throws")
    func notPNG() {
        #expect(throws: PNGError.self) { try PNGImage(data: Array("hello, not a png".utf8)) }
    }
}
