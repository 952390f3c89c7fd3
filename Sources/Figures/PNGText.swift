// PNG text chunks (tEXt), handled on the PNG byte stream itself: libpng's simplified API,
// which the workbook uses to avoid setjmp, cannot write them, so they are spliced in after
// the IHDR chunk. Every figure carries its chapter, seed and software this way.

/// Reading and inserting `tEXt` chunks in an encoded PNG.
public enum PNGText {
    /// The eight bytes every PNG starts with.
    public static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

    /// Returns `png` with one `tEXt` chunk per entry inserted right after IHDR.
    /// Keywords must be 1–79 Latin-1 characters; values are stored as Latin-1 (non-Latin-1
    /// characters become "?").
    public static func inserting(_ entries: [(keyword: String, text: String)], into png: [UInt8]) throws -> [UInt8] {
        guard png.count >= 33, Array(png[0..<8]) == signature else {
            throw PNGError("not a PNG stream (bad signature)")
        }
        // IHDR is always first: 4 length + 4 type + 13 data + 4 CRC = 25 bytes after the signature.
        let afterHeader = 8 + 25
        var chunks: [UInt8] = []
        for (keyword, text) in entries {
            guard (1...79).contains(keyword.count) else {
                throw PNGError("PNG text keyword must have 1 to 79 characters, got \"\(keyword)\"")
            }
            let data = latin1(keyword) + [0] + latin1(text)
            chunks += chunk(type: "tEXt", data: data)
        }
        return Array(png[0..<afterHeader]) + chunks + Array(png[afterHeader...])
    }

    /// All `tEXt` chunks of a PNG as (keyword, text) pairs, in file order.
    public static func entries(in png: [UInt8]) throws -> [(keyword: String, text: String)] {
        guard png.count >= 8, Array(png[0..<8]) == signature else {
            throw PNGError("not a PNG stream (bad signature)")
        }
        var result: [(keyword: String, text: String)] = []
        var offset = 8
        while offset + 12 <= png.count {
            let length = Int(bigEndian32(png, offset))
            let typeBytes = Array(png[(offset + 4)..<(offset + 8)])
            let dataStart = offset + 8
            guard dataStart + length + 4 <= png.count else {
                throw PNGError("truncated PNG chunk at byte \(offset)")
            }
            if typeBytes == Array("tEXt".utf8) {
                let data = Array(png[dataStart..<(dataStart + length)])
                if let zero = data.firstIndex(of: 0) {
                    result.append((fromLatin1(Array(data[..<zero])), fromLatin1(Array(data[(zero + 1)...]))))
                }
            }
            if typeBytes == Array("IEND".utf8) { break }
            offset = dataStart + length + 4
        }
        return result
    }

    /// One chunk: length, type, data, CRC-32 of type and data.
    static func chunk(type: String, data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        let crc = CRC32.checksum(typeBytes + data)
        return bigEndianBytes(UInt32(data.count)) + typeBytes + data + bigEndianBytes(crc)
    }
}

/// An error reading or writing a PNG, with a readable message.
public struct PNGError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// CRC-32 (ISO 3309, as PNG uses it), table-driven.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 {
            c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1
        }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8)
        }
        return c ^ 0xFFFF_FFFF
    }
}

private func latin1(_ s: String) -> [UInt8] {
    s.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : UInt8(ascii: "?") }
}

private func fromLatin1(_ bytes: [UInt8]) -> String {
    String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
}

private func bigEndian32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
    (UInt32(bytes[offset]) << 24) | (UInt32(bytes[offset + 1]) << 16)
        | (UInt32(bytes[offset + 2]) << 8) | UInt32(bytes[offset + 3])
}

private func bigEndianBytes(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
}
