// Animated figures as looping GIFs, which the repository's web page plays inline, encoded and
// decoded with giflib. This is the only file that imports CGIF; giflib structures and pointers
// never leave it.

import CGIF
import Foundation
import NeuralCore

/// Writing figures that move: frames of equal size as one looping GIF.
///
/// **Density.** An animation's frames are drawn, like every figure, for a logical width of at
/// most 880 px with text of at least 11 px, but stored at `AnimatedGIF.density` = 1 image pixel
/// per logical px, not the 2 of a PNG: a GIF's LZW compression of a hundred frames at twice the
/// pixels would pass the 400 KB a figure may weigh. The still frame printed beside it is a PNG
/// at density 2.
///
/// **Colours.** Every frame shares one palette of at most 255 colours (`ColourQuantizer`: the
/// most frequent colours first, the others mapped to the nearest, no dithering, so antialiased
/// edges stay smooth and still). Index 255 is transparent: each frame after the first stores only
/// the rectangle that changed, its unchanged pixels transparent, over the frame before it.
///
/// **Loop and timing.** The NETSCAPE2.0 extension makes the animation loop forever; each frame
/// is shown for the frame delay, the last one longer (the hold), so a reader sees where the
/// story ends before it starts again.
///
/// **Metadata.** One comment extension carries the same pairs a figure PNG carries, one
/// `Keyword: text` line each (UTF-8), the measured `Display width` and `Smallest text` last.
///
/// Equal frames give equal bytes; the file is written atomically (a temporary file renamed into
/// place), and nothing is written when a frame breaks a rule.
public enum AnimatedGIF {
    /// Image pixels per logical px of an animation's frames.
    public static let density = 1
    /// The most bytes an animation may take, like every figure.
    public static let maximumBytes = 400_000
    /// Colours in the shared palette; the 256th index is the transparent one.
    static let paletteCapacity = 255
    static let transparentIndex: UInt8 = 255

    /// Encodes `frames` (canvases of one size and density) as a looping GIF and writes it
    /// atomically to `url`.
    /// - Parameters:
    ///   - frameDelay: how long each frame is shown (0.02 s to 655 s, kept to 0.01 s).
    ///   - finalHold: how long the last frame is shown before the loop starts again.
    ///   - metadata: pairs written in the comment extension (chapter, seed, software…).
    /// - Throws: `FigureError` for no frames, frames of different sizes, a frame a reader could
    ///   not read (`Legibility`), a bad delay or a file over `maximumBytes`; `FileError` for an
    ///   unwritable destination. Nothing is written when it throws.
    public static func write(
        frames: [Canvas], frameDelay: Duration, finalHold: Duration, metadata: [(String, String)] = [],
        to url: URL
    ) throws {
        let bytes = try encode(
            frames: frames, frameDelay: frameDelay, finalHold: finalHold, metadata: metadata,
            name: url.lastPathComponent)
        guard bytes.count < maximumBytes else {
            throw FigureError(
                "animation \(url.lastPathComponent) would take \(bytes.count) bytes, more than the \(maximumBytes) a figure may; use fewer or smaller frames"
            )
        }
        try AtomicFile.write(bytes, to: url)
    }

    /// Renders `charts` at `width` × `height` logical px and density 1, and writes them as
    /// `write(frames:…)` does.
    public static func write(
        charts: [any Chart], width: Int, height: Int, frameDelay: Duration, finalHold: Duration,
        metadata: [(String, String)] = [], to url: URL
    ) throws {
        let frames = charts.map { $0.render(width: width, height: height, density: density) }
        try write(frames: frames, frameDelay: frameDelay, finalHold: finalHold, metadata: metadata, to: url)
    }

    /// The GIF bytes of `frames` (see `write`); `name` names the figure in errors.
    public static func encode(
        frames: [Canvas], frameDelay: Duration, finalHold: Duration, metadata: [(String, String)] = [],
        name: String = "animation"
    ) throws -> [UInt8] {
        guard let first = frames.first else { throw FigureError("animation \(name) has no frames") }
        for (number, frame) in frames.enumerated() {
            guard frame.width == first.width, frame.height == first.height, frame.density == first.density else {
                throw FigureError(
                    "animation \(name): frame \(number + 1) is \(frame.width)×\(frame.height) at density \(frame.density), frame 1 is \(first.width)×\(first.height) at density \(first.density); every frame must be the same size"
                )
            }
            try frame.legibility.validate(name: "\(name) (frame \(number + 1))")
        }
        let delay = try centiseconds(frameDelay, what: "frame delay", name: name)
        let hold = try centiseconds(finalHold, what: "final hold", name: name)
        let legibility = Legibility(
            displayWidth: first.width, smallestTextSize: frames.compactMap(\.smallestTextSize).min())
        let comment = try commentText(metadata + legibility.metadata, name: name)

        let width = first.pixelWidth
        let height = first.pixelHeight
        let pixels = frames.map { opaqueRGB($0.rgba()) }
        let quantizer = ColourQuantizer(images: pixels, capacity: paletteCapacity)
        var images: [GIFEncoder.Image] = []
        var previous: [UInt8]? = nil
        for (number, frame) in pixels.enumerated() {
            let indices = quantizer.indices(of: frame)
            let frameDelay = number == pixels.count - 1 ? hold : delay
            if let previous {
                images.append(changes(from: previous, to: indices, width: width, height: height, delay: frameDelay))
            } else {
                images.append(
                    .init(
                        left: 0, top: 0, width: width, height: height, indices: indices, delay: frameDelay,
                        transparent: false))
            }
            previous = indices
        }
        return try GIFEncoder.encode(
            width: width, height: height, palette: quantizer.palette, comment: comment, images: images)
    }

    /// A GIF delay (hundredths of a second) from `duration`.
    private static func centiseconds(_ duration: Duration, what: String, name: String) throws -> Int {
        let (seconds, attoseconds) = duration.components
        let value = (Double(seconds) + Double(attoseconds) * 1e-18) * 100
        guard value.isFinite, value.rounded() >= 2, value.rounded() <= 65_535 else {
            throw FigureError(
                "animation \(name): a \(what) of \(duration) cannot be stored; browsers need 0.02 s to 655 s")
        }
        return Int(value.rounded())
    }

    /// The comment's lines, one `Keyword: text` per pair.
    private static func commentText(_ pairs: [(String, String)], name: String) throws -> String {
        for (keyword, text) in pairs {
            guard !keyword.isEmpty, !keyword.contains(":"), !(keyword + text).contains(where: \.isNewline),
                !(keyword + text).contains("\0")
            else {
                throw FigureError("animation \(name): the metadata pair \"\(keyword)\" cannot be written as one line")
            }
        }
        return pairs.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
    }

    /// Straight RGBA8 to 0xRRGGBB, any transparency composited over white.
    private static func opaqueRGB(_ rgba: [UInt8]) -> [PackedRGB] {
        var packed = [PackedRGB](repeating: 0, count: rgba.count / 4)
        for i in packed.indices {
            let alpha = UInt32(rgba[4 * i + 3])
            var value: PackedRGB = 0
            for channel in 0..<3 {
                let c = UInt32(rgba[4 * i + channel])
                value = value << 8 | (c * alpha + 255 * (255 - alpha) + 127) / 255
            }
            packed[i] = value
        }
        return packed
    }

    /// The rectangle of `next` that differs from `previous`, its unchanged pixels transparent
    /// (one transparent pixel when nothing changed: a GIF frame cannot be empty).
    private static func changes(
        from previous: [UInt8], to next: [UInt8], width: Int, height: Int, delay: Int
    ) -> GIFEncoder.Image {
        var (minX, minY, maxX, maxY) = (width, height, -1, -1)
        for y in 0..<height {
            for x in 0..<width where previous[y * width + x] != next[y * width + x] {
                minX = min(minX, x)
                maxX = max(maxX, x)
                minY = min(minY, y)
                maxY = max(maxY, y)
            }
        }
        guard maxX >= 0 else {
            return .init(
                left: 0, top: 0, width: 1, height: 1, indices: [transparentIndex], delay: delay, transparent: true)
        }
        var indices: [UInt8] = []
        indices.reserveCapacity((maxX - minX + 1) * (maxY - minY + 1))
        for y in minY...maxY {
            for x in minX...maxX {
                let i = y * width + x
                indices.append(previous[i] == next[i] ? transparentIndex : next[i])
            }
        }
        return .init(
            left: minX, top: minY, width: maxX - minX + 1, height: maxY - minY + 1, indices: indices, delay: delay,
            transparent: true)
    }
}

// MARK: - Encoding with giflib

/// The bytes giflib writes, gathered in memory.
private final class ByteSink {
    var bytes: [UInt8] = []
}

/// The bytes giflib reads, with a read position.
private final class ByteSource {
    let bytes: [UInt8]
    var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
}

private enum GIFEncoder {
    /// One frame: a rectangle of palette indices placed on the screen.
    struct Image {
        var left: Int
        var top: Int
        var width: Int
        var height: Int
        var indices: [UInt8]
        /// Hundredths of a second.
        var delay: Int
        /// Whether `AnimatedGIF.transparentIndex` lets the frame below show through.
        var transparent: Bool
    }

    static func encode(
        width: Int, height: Int, palette: [PackedRGB], comment: String, images: [Image]
    ) throws -> [UInt8] {
        let sink = ByteSink()
        var error: Int32 = 0
        let opaqueSink = Unmanaged.passRetained(sink)
        defer { opaqueSink.release() }
        guard
            let gif = EGifOpen(
                opaqueSink.toOpaque(),
                { file, bytes, count in
                    guard let file, let user = file.pointee.UserData, let bytes, count >= 0 else { return 0 }
                    let sink = Unmanaged<ByteSink>.fromOpaque(user).takeUnretainedValue()
                    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(count)))
                    return count
                }, &error)
        else { throw FigureError("giflib cannot start a GIF: \(message(error))") }
        var closed = false
        defer { if !closed { EGifCloseFile(gif, nil) } }

        func check(_ status: Int32, _ step: String) throws {
            guard status == GIF_OK else {
                throw FigureError("giflib failed to write \(step): \(message(gif.pointee.Error))")
            }
        }

        // The global palette, padded to a power of two with the transparent index last.
        let bits = 8
        guard let map = GifMakeMapObject(1 << bits, nil) else { throw FigureError("giflib cannot make a palette") }
        defer { GifFreeMapObject(map) }
        for i in 0..<(1 << bits) {
            let colour = i < palette.count ? palette[i] : 0xFFFFFF
            map.pointee.Colors[i] = GifColorType(
                Red: UInt8((colour >> 16) & 0xFF), Green: UInt8((colour >> 8) & 0xFF), Blue: UInt8(colour & 0xFF))
        }
        EGifSetGifVersion(gif, true)
        try check(EGifPutScreenDesc(gif, Int32(width), Int32(height), Int32(bits), 0, map), "the screen")

        // NETSCAPE2.0: loop forever (a loop count of 0).
        try check(EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE), "the loop extension")
        let application = Array("NETSCAPE2.0".utf8)
        try check(EGifPutExtensionBlock(gif, Int32(application.count), application), "the loop extension")
        try check(EGifPutExtensionBlock(gif, 3, [1, 0, 0]), "the loop extension")
        try check(EGifPutExtensionTrailer(gif), "the loop extension")
        if !comment.isEmpty {
            try check(EGifPutComment(gif, comment), "the comment")
        }

        for image in images {
            var control = GraphicsControlBlock(
                DisposalMode: DISPOSE_DO_NOT, UserInputFlag: false, DelayTime: Int32(image.delay),
                TransparentColor: image.transparent ? Int32(AnimatedGIF.transparentIndex) : NO_TRANSPARENT_COLOR)
            var extensionBytes = [GifByteType](repeating: 0, count: 4)
            let length = EGifGCBToExtension(&control, &extensionBytes)
            try check(EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, Int32(length), extensionBytes), "a frame's timing")
            try check(
                EGifPutImageDesc(
                    gif, Int32(image.left), Int32(image.top), Int32(image.width), Int32(image.height), false, nil),
                "a frame")
            var row = [GifPixelType](repeating: 0, count: image.width)
            for y in 0..<image.height {
                for x in 0..<image.width { row[x] = image.indices[y * image.width + x] }
                try check(EGifPutLine(gif, &row, Int32(image.width)), "a frame's pixels")
            }
        }
        closed = true
        var closeError: Int32 = 0
        guard EGifCloseFile(gif, &closeError) == GIF_OK else {
            throw FigureError("giflib failed to finish the GIF: \(message(closeError))")
        }
        return sink.bytes
    }
}

/// giflib's words for an error code.
private func message(_ code: Int32) -> String {
    GifErrorString(code).map { String(cString: $0) } ?? "error \(code)"
}

// MARK: - Decoding with giflib

/// A decoded GIF: its frames composited as a viewer shows them (for tests and checks).
public struct GIFAnimation: Sendable {
    /// One frame as shown: the whole screen, straight RGBA8, and how long it stays.
    public struct Frame: Sendable {
        /// Row-major pixels, 4 bytes each (alpha 0 where nothing has been drawn).
        public let rgba: [UInt8]
        /// Hundredths of a second.
        public let delay: Int
    }

    public let width: Int
    public let height: Int
    /// The NETSCAPE2.0 loop count (0 loops forever), `nil` without the extension.
    public let loopCount: Int?
    /// The comment extensions' text, joined by newlines.
    public let comment: String
    public let frames: [Frame]
    /// Colours in the global palette (0 without one).
    public let paletteSize: Int

    /// The metadata pairs of the comment (`Keyword: text` lines).
    public var metadata: [(String, String)] {
        comment.split(separator: "\n").compactMap { line in
            guard let colon = line.range(of: ": ") else { return nil }
            return (String(line[..<colon.lowerBound]), String(line[colon.upperBound...]))
        }
    }

    /// The pixel at column `x`, row `y` of frame `frame` as [r, g, b, a].
    public func pixel(frame: Int, x: Int, y: Int) -> [UInt8] {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) outside \(width)×\(height)")
        let start = (y * width + x) * 4
        return Array(frames[frame].rgba[start..<(start + 4)])
    }

    /// Reads and decodes a GIF file.
    public init(contentsOf url: URL) throws {
        try self.init(data: try readImageFile(url))
    }

    /// Decodes GIF bytes with giflib's `DGifSlurp`.
    public init(data: [UInt8]) throws {
        let source = ByteSource(data)
        let opaqueSource = Unmanaged.passRetained(source)
        defer { opaqueSource.release() }
        var error: Int32 = 0
        guard
            let gif = DGifOpen(
                opaqueSource.toOpaque(),
                { file, buffer, count in
                    guard let file, let user = file.pointee.UserData, let buffer, count >= 0 else { return 0 }
                    let source = Unmanaged<ByteSource>.fromOpaque(user).takeUnretainedValue()
                    let n = min(Int(count), source.bytes.count - source.offset)
                    for i in 0..<n { buffer[i] = source.bytes[source.offset + i] }
                    source.offset += n
                    return Int32(n)
                }, &error)
        else { throw FigureError("cannot read GIF: \(message(error))") }
        defer { DGifCloseFile(gif, nil) }
        guard DGifSlurp(gif) == GIF_OK else { throw FigureError("cannot read GIF: \(message(gif.pointee.Error))") }

        let screen = gif.pointee
        let width = Int(screen.SWidth)
        let height = Int(screen.SHeight)
        guard width > 0, height > 0, width * height <= 1 << 26 else {
            throw FigureError("cannot read GIF: a \(width)×\(height) screen")
        }
        let global = Self.colours(screen.SColorMap)
        var loopCount: Int? = nil
        var comments: [String] = []
        var frames: [Frame] = []
        var shown = [UInt8](repeating: 0, count: width * height * 4)
        for number in 0..<Int(screen.ImageCount) {
            let saved = screen.SavedImages[number]
            let blocks = (0..<Int(saved.ExtensionBlockCount)).map { saved.ExtensionBlocks[$0] }
            Self.readExtensions(blocks, loopCount: &loopCount, comments: &comments)
            var control = GraphicsControlBlock(
                DisposalMode: DISPOSAL_UNSPECIFIED, UserInputFlag: false, DelayTime: 0,
                TransparentColor: NO_TRANSPARENT_COLOR)
            _ = DGifSavedExtensionToGCB(gif, Int32(number), &control)
            let description = saved.ImageDesc
            let palette = description.ColorMap != nil ? Self.colours(description.ColorMap) : global
            let before = shown
            let (left, top) = (Int(description.Left), Int(description.Top))
            let (w, h) = (Int(description.Width), Int(description.Height))
            guard let raster = saved.RasterBits, w >= 0, h >= 0 else {
                throw FigureError("cannot read GIF: frame \(number + 1) has no pixels")
            }
            for y in 0..<h where top + y < height {
                for x in 0..<w where left + x < width {
                    let index = Int(raster[y * w + x])
                    if index == Int(control.TransparentColor) { continue }
                    guard index < palette.count else {
                        throw FigureError(
                            "cannot read GIF: frame \(number + 1) uses colour \(index) of \(palette.count)")
                    }
                    let target = ((top + y) * width + left + x) * 4
                    let colour = palette[index]
                    shown[target] = colour.0
                    shown[target + 1] = colour.1
                    shown[target + 2] = colour.2
                    shown[target + 3] = 255
                }
            }
            frames.append(Frame(rgba: shown, delay: Int(control.DelayTime)))
            switch control.DisposalMode {
            case DISPOSE_BACKGROUND:
                for y in 0..<h where top + y < height {
                    for x in 0..<w where left + x < width {
                        let target = ((top + y) * width + left + x) * 4
                        for c in 0..<4 { shown[target + c] = 0 }
                    }
                }
            case DISPOSE_PREVIOUS: shown = before
            default: break
            }
        }
        let trailing = (0..<Int(screen.ExtensionBlockCount)).map { screen.ExtensionBlocks[$0] }
        Self.readExtensions(trailing, loopCount: &loopCount, comments: &comments)
        self.width = width
        self.height = height
        self.loopCount = loopCount
        self.comment = comments.joined(separator: "\n")
        self.frames = frames
        self.paletteSize = global.count
    }

    /// A giflib colour map as (r, g, b) triples.
    private static func colours(_ map: UnsafeMutablePointer<ColorMapObject>?) -> [(UInt8, UInt8, UInt8)] {
        guard let map, let colours = map.pointee.Colors else { return [] }
        return (0..<Int(map.pointee.ColorCount)).map { (colours[$0].Red, colours[$0].Green, colours[$0].Blue) }
    }

    /// The loop count and comments among `blocks` (a block's sub-blocks follow it as continuations).
    private static func readExtensions(_ blocks: [ExtensionBlock], loopCount: inout Int?, comments: inout [String]) {
        func bytes(_ block: ExtensionBlock) -> [UInt8] {
            guard let pointer = block.Bytes, block.ByteCount > 0 else { return [] }
            return Array(UnsafeBufferPointer(start: pointer, count: Int(block.ByteCount)))
        }
        var i = 0
        while i < blocks.count {
            let block = blocks[i]
            var continuation: [[UInt8]] = []
            var j = i + 1
            while j < blocks.count && blocks[j].Function == CONTINUE_EXT_FUNC_CODE {
                continuation.append(bytes(blocks[j]))
                j += 1
            }
            switch block.Function {
            case COMMENT_EXT_FUNC_CODE:
                comments.append(String(decoding: bytes(block) + continuation.joined(), as: UTF8.self))
            case APPLICATION_EXT_FUNC_CODE:
                if bytes(block) == Array("NETSCAPE2.0".utf8), let data = continuation.first, data.count == 3,
                    data[0] == 1
                {
                    loopCount = Int(data[1]) | Int(data[2]) << 8
                }
            default: break
            }
            i = j
        }
    }
}
