// Animated figures: frames written as a looping GIF through giflib and read back with giflib's
// DGifSlurp — frame count, size, loop, timing, colours, metadata — the same bytes for the same
// frames, and nothing written for frames that do not fit together or cannot be read.

import Foundation
import NeuralCore
import Testing
@testable import Figures

@Suite("Animated GIF")
struct AnimatedGIFTests {
    static let colours = [Colour(rgb255: 0, 114, 178), Colour(rgb255: 213, 94, 0), Colour(rgb255: 0, 158, 115)]

    /// Frame `number`: a block of its own colour, a label, and a smooth grey ramp (antialiasing's
    /// many in-between shades, more colours than a GIF palette holds).
    static func frame(_ number: Int, width: Int = 240, height: Int = 120) -> Canvas {
        let canvas = Canvas(width: width, height: height, density: 1)
        canvas.fill(PixelRect(x: 10, y: 10, width: 60, height: 40), colour: colours[number % colours.count])
        canvas.text("frame \(number + 1)", at: PixelPoint(90, 34), size: 12)
        var ramp: [UInt8] = []
        for x in 0..<200 {
            let value = UInt8(x * 255 / 199)
            ramp += [value, UInt8(255 - Int(value)), UInt8((x * 7 + number * 40) % 256), 255]
        }
        canvas.drawImage(rgba: ramp, width: 200, height: 1, into: PixelRect(x: 20, y: 70, width: 200, height: 30))
        return canvas
    }

    static func frames(_ count: Int = 3) -> [Canvas] { (0..<count).map { frame($0) } }

    @Test("a round trip through giflib: frames, size, loop forever, timing, colours and metadata")
    func roundTrip() throws {
        let url = sampleFolder().appendingPathComponent("animation.gif")
        try AnimatedGIF.write(
            frames: Self.frames(), frameDelay: .milliseconds(120), finalHold: .seconds(2), metadata: testMetadata,
            to: url)
        let animation = try GIFAnimation(contentsOf: url)
        #expect(animation.width == 240 && animation.height == 120)
        #expect(animation.frames.count == 3)
        #expect(animation.loopCount == 0)
        #expect(animation.frames.map(\.delay) == [12, 12, 200])
        #expect(animation.paletteSize == 256)
        for (number, colour) in Self.colours.enumerated() {
            let expected = [colour.red, colour.green, colour.blue].map { UInt8(($0 * 255).rounded()) }
            let seen = animation.pixel(frame: number, x: 40, y: 30)
            #expect(closeRGB(seen, expected), "frame \(number + 1): \(seen) for \(expected)")
            #expect(seen[3] == 255)
            #expect(animation.pixel(frame: number, x: 5, y: 5) == [255, 255, 255, 255])
        }
        #expect(
            animation.metadata.map(\.0) == ["chapter", "seed", "Software", "Display width", "Smallest text"])
        #expect(animation.metadata.map(\.1).suffix(2) == ["240", "12.0"])
    }

    @Test("frames are quantized to one palette by nearest colour, without dithering")
    func quantization() throws {
        let frames = Self.frames()
        let originals = frames.map { $0.rgba() }
        let animation = try GIFAnimation(
            data: try AnimatedGIF.encode(frames: frames, frameDelay: .milliseconds(100), finalHold: .seconds(1)))
        #expect(
            Set(originals.flatMap { image in stride(from: 0, to: image.count, by: 4).map { image[$0..<$0 + 3] } }).count
                > 255)
        var worst = 0
        for (frame, original) in zip(animation.frames, originals) {
            for i in stride(from: 0, to: original.count, by: 4) {
                for c in 0..<3 { worst = max(worst, abs(Int(frame.rgba[i + c]) - Int(original[i + c]))) }
            }
            // Each column of the ramp is one colour, so it stays one colour: no dithering noise.
            for x in 20..<220 {
                let column = (70..<100).map { y in Array(frame.rgba[(y * 240 + x) * 4..<(y * 240 + x) * 4 + 3]) }
                #expect(Set(column).count == 1, "column \(x) of the ramp is dithered")
            }
        }
        #expect(worst <= 24, "a colour moved by \(worst) on a channel")
    }

    @Test("the same frames give the same bytes")
    func determinism() throws {
        let first = try AnimatedGIF.encode(
            frames: Self.frames(), frameDelay: .milliseconds(100), finalHold: .seconds(1), metadata: testMetadata)
        let second = try AnimatedGIF.encode(
            frames: Self.frames(), frameDelay: .milliseconds(100), finalHold: .seconds(1), metadata: testMetadata)
        #expect(first == second)
        #expect(Array(first.prefix(6)) == Array("GIF89a".utf8))
    }

    @Test("an unchanged frame is stored as one transparent pixel and shown as the frame before")
    func unchangedFrame() throws {
        let frames = [Self.frame(0), Self.frame(1), Self.frame(1)]
        let bytes = try AnimatedGIF.encode(frames: frames, frameDelay: .milliseconds(100), finalHold: .seconds(1))
        let animation = try GIFAnimation(data: bytes)
        #expect(animation.frames.count == 3)
        #expect(animation.frames[2].rgba == animation.frames[1].rgba)
        #expect(animation.frames[1].rgba != animation.frames[0].rgba)
    }

    @Test("charts rendered as frames at density 1")
    func charts() throws {
        let url = sampleFolder().appendingPathComponent("growing-line.gif")
        let charts = (2...5).map { n in
            LinePlot(
                title: "first \(n) points", xLabel: "x", yLabel: "y",
                series: [LineSeries(name: "square", ys: (0..<n).map { Double($0 * $0) })])
        }
        try AnimatedGIF.write(
            charts: charts, width: 400, height: 300, frameDelay: .milliseconds(300), finalHold: .seconds(1),
            to: url)
        let animation = try GIFAnimation(contentsOf: url)
        #expect(animation.width == 400 && animation.height == 300 && animation.frames.count == 4)
        #expect(try Data(contentsOf: url).count < AnimatedGIF.maximumBytes)
    }

    @Test("frames of different sizes are refused with a clear error and nothing is written")
    func differentSizes() throws {
        let folder = sampleFolder()
        let url = folder.appendingPathComponent("mismatched.gif")
        let frames = [Self.frame(0), Self.frame(1, width: 250)]
        #expect {
            try AnimatedGIF.write(frames: frames, frameDelay: .milliseconds(100), finalHold: .seconds(1), to: url)
        } throws: { error in
            "\(error)".contains("frame 2 is 250×120") && "\(error)".contains("same size")
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test("no frames, an illegible frame or a too-short delay are refused; nothing is written")
    func refusals() throws {
        let url = sampleFolder().appendingPathComponent("refused.gif")
        #expect(throws: FigureError.self) {
            try AnimatedGIF.write(frames: [], frameDelay: .milliseconds(100), finalHold: .seconds(1), to: url)
        }
        let small = Self.frame(0)
        small.text("tiny", at: PixelPoint(150, 20), size: 8)
        #expect {
            try AnimatedGIF.write(
                frames: [Self.frame(0), small], frameDelay: .milliseconds(100), finalHold: .seconds(1), to: url)
        } throws: { error in
            "\(error)".contains("refused.gif (frame 2)") && "\(error)".contains("smallest text")
        }
        #expect(throws: FigureError.self) {
            try AnimatedGIF.write(frames: Self.frames(), frameDelay: .milliseconds(5), finalHold: .seconds(1), to: url)
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test("an unwritable destination is a FileError")
    func unwritableFolder() throws {
        let folder = sampleFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let blocker = folder.appendingPathComponent("not-a-folder")
        try Data("a file".utf8).write(to: blocker)
        let url = blocker.appendingPathComponent("animation.gif")
        #expect(throws: FileError.self) {
            try AnimatedGIF.write(
                frames: Self.frames(), frameDelay: .milliseconds(100), finalHold: .seconds(1), to: url)
        }
    }

    @Test("bytes that are not a GIF are refused")
    func notAGIF() {
        #expect(throws: FigureError.self) { try GIFAnimation(data: Array("GIF89a, or so it says".utf8)) }
        #expect(throws: FigureError.self) { try GIFAnimation(data: []) }
    }

    @Test("the palette keeps frequent colours first and every palette colour is its own nearest")
    func palette() {
        let image: [PackedRGB] =
            Array(repeating: 0xFFFFFF, count: 50) + Array(repeating: 0x000000, count: 20) + [0x123456]
        let quantizer = ColourQuantizer(images: [image], capacity: 4)
        #expect(quantizer.palette == [0xFFFFFF, 0x000000, 0x123456])
        let ramp = (0..<1000).map { PackedRGB($0 % 256) << 8 | PackedRGB($0 / 4) }
        let reduced = ColourQuantizer(images: [ramp], capacity: 16)
        #expect(reduced.palette.count == 16)
        #expect(reduced.indices(of: reduced.palette) == (0..<16).map(UInt8.init))
    }
}
