// The IDX format of MNIST and Fashion-MNIST: a 4-byte magic number (two zero bytes, a type code,
// the number of dimensions), one big-endian 32-bit size per dimension, then the data, last
// dimension fastest. Only unsigned bytes (type 0x08) occur in these datasets.

/// Parsing IDX files of unsigned bytes, with every size checked against the header.
public enum IDX {
    /// The IDX type code for unsigned bytes.
    public static let unsignedByteType: UInt8 = 0x08
    /// Magic number of a 1-D unsigned-byte file (labels).
    public static let labelsMagic: UInt32 = 0x0000_0801
    /// Magic number of a 3-D unsigned-byte file (images).
    public static let imagesMagic: UInt32 = 0x0000_0803

    /// Images read from an IDX file: `count` images of `rows × columns` bytes, one after another.
    public struct Images: Sendable {
        public var count: Int
        public var rows: Int
        public var columns: Int
        public var pixels: [UInt8]
    }

    /// Parses a 3-D unsigned-byte IDX file (images). `file` names the file in error messages.
    public static func parseImages(_ bytes: [UInt8], file: String) throws -> Images {
        let dimensions = try header(bytes, file: file, expectedMagic: imagesMagic, kind: "images")
        let (count, rows, columns) = (dimensions[0], dimensions[1], dimensions[2])
        guard rows > 0, columns > 0 else {
            throw DatasetError.badHeader(file: file, reason: "images of \(rows)×\(columns) pixels")
        }
        let headerSize = 16
        let (perImage, overflow1) = rows.multipliedReportingOverflow(by: columns)
        let (expected, overflow2) = count.multipliedReportingOverflow(by: perImage)
        guard !overflow1, !overflow2 else {
            throw DatasetError.badHeader(
                file: file, reason: "\(count) images of \(rows)×\(columns) is impossibly large")
        }
        let available = bytes.count - headerSize
        let summary = "header says \(count) images of \(rows)×\(columns) = \(expected) bytes"
        if available < expected {
            throw DatasetError.truncated(file: file, detail: "\(summary), file has \(available)")
        }
        if available > expected {
            throw DatasetError.trailingBytes(file: file, detail: "\(summary), file has \(available)")
        }
        return Images(count: count, rows: rows, columns: columns, pixels: Array(bytes[headerSize...]))
    }

    /// Parses a 1-D unsigned-byte IDX file (labels). Ranges are checked by the caller, who knows
    /// the number of classes.
    public static func parseLabels(_ bytes: [UInt8], file: String) throws -> [UInt8] {
        let dimensions = try header(bytes, file: file, expectedMagic: labelsMagic, kind: "labels")
        let count = dimensions[0]
        let headerSize = 8
        let available = bytes.count - headerSize
        let summary = "header says \(count) labels = \(count) bytes"
        if available < count {
            throw DatasetError.truncated(file: file, detail: "\(summary), file has \(available)")
        }
        if available > count {
            throw DatasetError.trailingBytes(file: file, detail: "\(summary), file has \(available)")
        }
        return Array(bytes[headerSize...])
    }

    /// Builds an IDX file; the inverse of the parsers, used to write small test files.
    public static func encode(dimensions: [Int], data: [UInt8]) -> [UInt8] {
        precondition(dimensions.reduce(1, *) == data.count, "IDX data size must match its dimensions")
        var bytes: [UInt8] = [0, 0, unsignedByteType, UInt8(dimensions.count)]
        for size in dimensions { bytes += bigEndianBytes(UInt32(size)) }
        return bytes + data
    }

    /// Checks the magic number and returns the dimension sizes.
    private static func header(
        _ bytes: [UInt8], file: String, expectedMagic: UInt32, kind: String
    ) throws -> [Int] {
        guard bytes.count >= 4 else {
            throw DatasetError.truncated(
                file: file, detail: "only \(bytes.count) bytes, too short for an IDX \(kind) header")
        }
        let magic = readBigEndian(bytes, at: 0)
        guard magic == expectedMagic else {
            throw DatasetError.wrongMagic(file: file, expected: expectedMagic, found: magic)
        }
        let dimensionCount = Int(expectedMagic & 0xFF)
        let headerSize = 4 + 4 * dimensionCount
        guard bytes.count >= headerSize else {
            throw DatasetError.truncated(
                file: file,
                detail: "only \(bytes.count) bytes, but an IDX \(kind) header needs \(headerSize)")
        }
        return (0..<dimensionCount).map { Int(readBigEndian(bytes, at: 4 + 4 * $0)) }
    }
}

/// The big-endian 32-bit word at `offset`.
func readBigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
        | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
}

/// The four bytes of `value`, most significant first.
func bigEndianBytes(_ value: UInt32) -> [UInt8] {
    [
        UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
        UInt8(truncatingIfNeeded: value),
    ]
}
