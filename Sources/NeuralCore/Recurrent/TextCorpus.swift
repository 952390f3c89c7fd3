// Loading a training text from a file, with readable errors for the ways a path can be wrong.

import Foundation

/// Why a text could not be used for training.
public enum TextCorpusError: Error, CustomStringConvertible, Sendable, Equatable {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case binary(path: String, reason: String)
    case tooShort(path: String, characters: Int, needed: Int)

    public var description: String {
        switch self {
        case .missing(let path):
            "no file at \(path) (give --text a path to a plain-text file)"
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .empty(let path):
            "\(path) is empty; a character model needs text to learn from"
        case .binary(let path, let reason):
            "\(path) does not look like text (\(reason)); give --text a UTF-8 text file"
        case .tooShort(let path, let characters, let needed):
            "\(path) has only \(characters) characters; this run needs at least \(needed)"
        }
    }
}

/// Plain-text training data.
public enum TextCorpus {
    /// Reads a UTF-8 text file, refusing missing, empty and binary files (NUL bytes, invalid
    /// UTF-8, or more than 10% control characters other than whitespace).
    public static func load(_ url: URL) throws -> String {
        let path = url.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw TextCorpusError.missing(path: path)
        }
        if isFolder.boolValue { throw TextCorpusError.unreadable(path: path, reason: "it is a folder") }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TextCorpusError.unreadable(path: path, reason: error.localizedDescription)
        }
        return try decode(data, path: path)
    }

    /// The text in `data`, or the error `load` would throw for it.
    public static func decode(_ data: Data, path: String) throws -> String {
        guard !data.isEmpty else { throw TextCorpusError.empty(path: path) }
        if data.contains(0) { throw TextCorpusError.binary(path: path, reason: "it contains NUL bytes") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TextCorpusError.binary(path: path, reason: "it is not valid UTF-8")
        }
        let controls = text.unicodeScalars.filter { $0.value < 32 && !"\n\r\t".unicodeScalars.contains($0) }.count
        if controls * 10 > text.unicodeScalars.count {
            throw TextCorpusError.binary(path: path, reason: "\(controls) control characters")
        }
        if text.allSatisfy(\.isWhitespace) { throw TextCorpusError.empty(path: path) }
        return text
    }

    /// Throws `tooShort` unless `text` has at least `needed` characters.
    public static func requireLength(_ text: String, _ needed: Int, path: String) throws {
        let count = text.count
        if count < needed { throw TextCorpusError.tooShort(path: path, characters: count, needed: needed) }
    }
}
