// Everything that can go wrong while finding, downloading or reading a dataset, phrased for the
// person running a chapter: each message names the file and says what is wrong with it.

import Foundation

/// An error from loading a dataset. `description` is a complete sentence-like message.
public enum DatasetError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A file could not be read at all.
    case unreadable(file: String, reason: String)
    /// A gzip stream is truncated or damaged.
    case corruptCompressedData(file: String, reason: String)
    /// The first four bytes are not the IDX magic number that was expected.
    case wrongMagic(file: String, expected: UInt32, found: UInt32)
    /// The header is readable but describes something unusable (zero rows, wrong dimensions...).
    case badHeader(file: String, reason: String)
    /// The file is shorter than its header promises.
    case truncated(file: String, detail: String)
    /// The file is longer than its header promises.
    case trailingBytes(file: String, detail: String)
    /// A label is not one of the dataset's classes.
    case labelOutOfRange(file: String, index: Int, label: Int, classCount: Int)
    /// The images file and the labels file disagree on how many examples there are.
    case countMismatch(imagesFile: String, images: Int, labelsFile: String, labels: Int)
    /// The uncompressed content does not hash to the published value; `advice` fits where the
    /// file came from (a folder the person chose, the cache, a mirror).
    case checksumMismatch(file: String, dataset: String, expected: String, found: String, advice: String)
    /// The file is genuine data, but of another dataset or another file of this one.
    case otherFile(file: String, holds: String, expected: String, advice: String)
    /// The header promises a different amount of data than this dataset file has.
    case unexpectedSize(file: String, detail: String)
    /// The file is, or would inflate to, more than the dataset file can be; refused unread.
    case tooLarge(file: String, detail: String)
    /// The file's name and its compression disagree (a `.gz` that is not gzip, or the reverse).
    case misnamed(file: String, detail: String)
    /// A folder the user named does not hold the dataset.
    case filesMissing(dataset: String, folder: String, missing: [String], hint: String)
    /// No mirror delivered a good copy of a file.
    case downloadFailed(file: String, failures: [String])
    /// Nothing was found, downloading was impossible or not allowed, and synthetic data was not allowed.
    case unavailable(dataset: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read the file: \(reason)"
        case let .corruptCompressedData(file, reason):
            return "\(file): gzip data is unusable: \(reason)"
        case let .wrongMagic(file, expected, found):
            return "\(file): expected magic \(hex32(expected)), found \(hex32(found)) — \(magicHint(found))"
        case let .badHeader(file, reason):
            return "\(file): bad IDX header: \(reason)"
        case let .truncated(file, detail):
            return "\(file): truncated: \(detail)"
        case let .trailingBytes(file, detail):
            return "\(file): unexpected extra bytes: \(detail)"
        case let .labelOutOfRange(file, index, label, classCount):
            return "\(file): label \(label) at index \(index) is out of range; labels must be 0–\(classCount - 1)"
        case let .countMismatch(imagesFile, images, labelsFile, labels):
            return "count mismatch: \(imagesFile) has \(images) images but \(labelsFile) has \(labels) labels"
        case let .checksumMismatch(file, dataset, expected, found, advice):
            return "checksum mismatch for \(file): the file is corrupt or not the official \(dataset) "
                + "(expected sha256 \(expected) of the uncompressed bytes, found \(found)); \(advice)"
        case let .otherFile(file, holds, expected, advice):
            return "\(file) holds \(holds), but \(expected) was expected: \(advice)"
        case let .unexpectedSize(file, detail):
            return "\(file): not the expected file: \(detail)"
        case let .tooLarge(file, detail):
            return "\(file): refused as too large: \(detail)"
        case let .misnamed(file, detail):
            return "\(file): \(detail)"
        case let .filesMissing(dataset, folder, missing, hint):
            return "\(dataset) files not found in \(folder): missing \(missing.joined(separator: ", ")). \(hint)"
        case let .downloadFailed(file, failures):
            return "could not download \(file) from any mirror:\n"
                + failures.map { "  - \($0)" }.joined(separator: "\n")
        case let .unavailable(dataset, reason):
            return "\(dataset) is not available: \(reason)"
        }
    }
}

/// `0x00000803`-style formatting of a 32-bit value.
func hex32(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}

/// A guess at what a file with this magic number really is.
private func magicHint(_ found: UInt32) -> String {
    switch found {
    case 0x0000_0801: return "is this a labels file?"
    case 0x0000_0803: return "is this an images file?"
    case _ where found >> 16 == 0x1F8B: return "is this file still gzip-compressed (name it .gz)?"
    case _ where found >> 16 == 0: return "an IDX file, but not of unsigned bytes with the expected dimensions"
    default: return "is this an IDX file at all?"
    }
}
