// PNG encoding and decoding with libpng's simplified API (no setjmp), and the one place that
// writes figure files: encode → insert text chunks → atomic write. This is the only file that
// imports CPNG; libpng structures never leave it.

import CPNG
import Foundation
import NeuralCore

/// Format flags of the simplified API (the header's PNG_FORMAT_* macros are not imported).
private let formatFlagAlpha: UInt32 = 0x01
private let formatFlagColour: UInt32 = 0x02
private let formatRGB = formatFlagColour
private let formatRGBA = formatFlagColour | formatFlagAlpha

/// Encoding straight RGBA8 pixels to PNG bytes and writing them as files.
public enum PNGFile {
    /// Encodes `rgba` (row-major, 4 bytes per pixel, straight alpha) as PNG bytes.
    /// Fully opaque images are stored as RGB, which keeps files smaller.
    /// No time stamp is written, so equal pixels give equal bytes.
    public static func encode(rgba: [UInt8], width: Int, height: Int) throws -> [UInt8] {
        guard width > 0, height > 0, rgba.count == width * height * 4 else {
            throw PNGError("cannot encode a \(width)×\(height) image from \(rgba.count) bytes")
        }
        let isOpaque = stride(from: 3, to: rgba.count, by: 4).allSatisfy { rgba[$0] == 255 }
        let pixels = isOpaque ? dropAlpha(rgba) : rgba
        let channels = isOpaque ? 3 : 4

        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = isOpaque ? formatRGB : formatRGBA
        defer { png_image_free(&image) }

        let rowStride = Int32(width * channels)
        // First pass measures, second pass writes into a buffer of that size.
        var size = 0
        let measured = pixels.withUnsafeBytes { raw in
            png_image_write_to_memory(&image, nil, &size, 0, raw.baseAddress, rowStride, nil)
        }
        guard measured != 0, size > 0 else { throw PNGError("libpng: \(message(of: &image))") }
        var bytes = [UInt8](repeating: 0, count: size)
        let written = bytes.withUnsafeMutableBytes { output in
            pixels.withUnsafeBytes { raw in
                png_image_write_to_memory(&image, output.baseAddress, &size, 0, raw.baseAddress, rowStride, nil)
            }
        }
        guard written != 0 else { throw PNGError("libpng: \(message(of: &image))") }
        return Array(bytes[0..<size])
    }

    /// Encodes `rgba`, adds one `tEXt` chunk per metadata pair and writes the file atomically
    /// (a temporary file renamed into place: a reader never sees half a PNG).
    /// - Throws: `PNGError` for bad pixels or keywords, `FileError` for an unwritable destination.
    public static func write(
        rgba: [UInt8], width: Int, height: Int, metadata: [(String, String)], to url: URL
    ) throws {
        let png = try encode(rgba: rgba, width: width, height: height)
        let entries = metadata.map { (keyword: $0.0, text: $0.1) }
        let tagged = try PNGText.inserting(entries, into: png)
        try AtomicFile.write(tagged, to: url)
    }

    /// Decodes PNG bytes to straight RGBA8. Used by `PNGImage`.
    static func decode(_ bytes: [UInt8]) throws -> (width: Int, height: Int, rgba: [UInt8]) {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        let begun = bytes.withUnsafeBytes { raw in
            png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count)
        }
        guard begun != 0 else { throw PNGError("cannot read PNG: \(message(of: &image))") }
        image.format = formatRGBA
        let width = Int(image.width)
        let height = Int(image.height)
        var rgba = [UInt8](repeating: 0, count: width * height * 4)
        let finished = rgba.withUnsafeMutableBytes { output in
            png_image_finish_read(&image, nil, output.baseAddress, Int32(width * 4), nil)
        }
        guard finished != 0 else { throw PNGError("cannot read PNG: \(message(of: &image))") }
        return (width, height, rgba)
    }

    private static func dropAlpha(_ rgba: [UInt8]) -> [UInt8] {
        var rgb = [UInt8]()
        rgb.reserveCapacity(rgba.count / 4 * 3)
        for start in stride(from: 0, to: rgba.count, by: 4) {
            rgb.append(rgba[start])
            rgb.append(rgba[start + 1])
            rgb.append(rgba[start + 2])
        }
        return rgb
    }

    /// libpng's own error text from the image's fixed-size message buffer.
    private static func message(of image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            let bytes = raw.prefix { $0 != 0 }
            let text = String(decoding: bytes, as: UTF8.self)
            return text.isEmpty ? "unknown error" : text
        }
    }
}

/// A decoded PNG as straight RGBA8 pixels (for tests and checks).
public struct PNGImage: Sendable {
    public let width: Int
    public let height: Int
    /// Row-major pixels, 4 bytes each: red, green, blue, alpha.
    public let rgba: [UInt8]

    /// Decodes PNG bytes.
    public init(data: [UInt8]) throws {
        let decoded = try PNGFile.decode(data)
        width = decoded.width
        height = decoded.height
        rgba = decoded.rgba
    }

    /// Reads and decodes a PNG file.
    public init(contentsOf url: URL) throws {
        try self.init(data: try readImageFile(url))
    }

    /// The pixel at column `x`, row `y` (from the top-left) as [r, g, b, a].
    public func pixel(x: Int, y: Int) -> [UInt8] {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "pixel (\(x), \(y)) outside \(width)×\(height)")
        let start = (y * width + x) * 4
        return Array(rgba[start..<(start + 4)])
    }

    /// How many different colours the image uses.
    public var distinctColourCount: Int {
        var seen = Set<UInt32>()
        for start in stride(from: 0, to: rgba.count, by: 4) {
            let packed =
                UInt32(rgba[start]) << 24 | UInt32(rgba[start + 1]) << 16
                | UInt32(rgba[start + 2]) << 8 | UInt32(rgba[start + 3])
            seen.insert(packed)
        }
        return seen.count
    }
}

/// The bytes of an image file, or a `FileError` saying which file could not be read.
func readImageFile(_ url: URL) throws -> [UInt8] {
    do {
        return [UInt8](try Data(contentsOf: url))
    } catch {
        throw FileError("cannot read \(url.path): \(error.localizedDescription)")
    }
}
