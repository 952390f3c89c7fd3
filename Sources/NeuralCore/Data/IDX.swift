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

    /// What an IDX header says: the magic number, the size of each dimension, and how many
    /// bytes of header and data that makes (checked for overflow).
    public struct Header: Sendable, Equatable {
        public var magic: UInt32
        public var dimensions: [Int]
        /// Bytes of the header itself: 4 + 4 per dimension.
        public var headerSize: Int { 4 + 4 * dimensions.count }
        /// Bytes of data the dimensions promise (their product).
        public var dataSize: Int
        /// Header plus data: the size of the whole file.
        public var totalSize: Int { headerSize + dataSize }

        /// "60,000 images of 28×28" or "10,000 labels".
        public var summary: String {
            guard let count = dimensions.first else { return "no data" }
            if dimensions.count == 1 { return "\(grouped(count)) labels" }
            return "\(grouped(count)) images of \(dimensions.dropFirst().map(String.init).joined(separator: "×"))"
        }
    }

    /// Reads the header at the start of `bytes` (the rest may be missing), checking the magic
    /// number and that the promised size is representable.
    public static func header(_ bytes: [UInt8], file: String, expectedMagic: UInt32) throws -> Header {
        let kind = expectedMagic == imagesMagic ? "images" : "labels"
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
        let dimensions = (0..<dimensionCount).map { Int(readBigEndian(bytes, at: 4 + 4 * $0)) }
        var dataSize = 1
        for size in dimensions {
            let (product, overflow) = dataSize.multipliedReportingOverflow(by: size)
            let (_, totalOverflow) = product.addingReportingOverflow(headerSize)
            guard !overflow, !totalOverflow else {
                throw DatasetError.badHeader(
                    file: file,
                    reason: "dimensions \(dimensions.map(String.init).joined(separator: " × ")) are impossibly large")
            }
            dataSize = product
        }
        return Header(magic: magic, dimensions: dimensions, dataSize: dataSize)
    }

    /// Parses a 3-D unsigned-byte IDX file (images). `file` names the file in error messages.
    public static func parseImages(_ bytes: [UInt8], file: String) throws -> Images {
        let header = try header(bytes, file: file, expectedMagic: imagesMagic)
        let (count, rows, columns) = (header.dimensions[0], header.dimensions[1], header.dimensions[2])
        guard rows > 0, columns > 0 else {
            throw DatasetError.badHeader(file: file, reason: "images of \(rows)×\(columns) pixels")
        }
        try checkSize(bytes, header, file: file, unit: "\(count) images of \(rows)×\(columns)")
        return Images(count: count, rows: rows, columns: columns, pixels: Array(bytes[header.headerSize...]))
    }

    /// Parses a 1-D unsigned-byte IDX file (labels). Ranges are checked by the caller, who knows
    /// the number of classes.
    public static func parseLabels(_ bytes: [UInt8], file: String) throws -> [UInt8] {
        let header = try header(bytes, file: file, expectedMagic: labelsMagic)
        try checkSize(bytes, header, file: file, unit: "\(header.dimensions[0]) labels")
        return Array(bytes[header.headerSize...])
    }

    /// The data after the header must be exactly as long as the header says.
    private static func checkSize(_ bytes: [UInt8], _ header: Header, file: String, unit: String) throws {
        let available = bytes.count - header.headerSize
        let summary = "header says \(unit) = \(header.dataSize) bytes"
        if available < header.dataSize {
            throw DatasetError.truncated(file: file, detail: "\(summary), file has \(available)")
        }
        if available > header.dataSize {
            throw DatasetError.trailingBytes(file: file, detail: "\(summary), file has \(available)")
        }
    }

    /// Builds an IDX file; the inverse of the parsers, used to write small test files.
    public static func encode(dimensions: [Int], data: [UInt8]) -> [UInt8] {
        precondition(dimensions.reduce(1, *) == data.count, "IDX data size must match its dimensions")
        var bytes: [UInt8] = [0, 0, unsignedByteType, UInt8(dimensions.count)]
        for size in dimensions { bytes += bigEndianBytes(UInt32(size)) }
        return bytes + data
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
