// Loading a training text from a file, a pipe or standard input, at most a given number of bytes,
// with readable errors for the ways a path or its contents can be wrong.

import Foundation

/// Why a text could not be used for training.
public enum TextCorpusError: Error, CustomStringConvertible, Sendable, Equatable {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case binary(path: String, reason: String)
    case tooShort(path: String, characters: Int, needed: Int)
    case oneSymbol(path: String, symbol: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "no file at \(path) (give --text a path to a plain-text file, or - for standard input)"
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .empty(let path):
            "\(path) has no text (it is empty or only white space); a character model needs text to learn from"
        case .binary(let path, let reason):
            "\(path) does not look like text (\(reason)); give --text a UTF-8 text file"
        case .tooShort(let path, let characters, let needed):
            "\(path) has only \(characters) character\(characters == 1 ? "" : "s"); this run needs at least \(needed), so give --text a longer text"
        case .oneSymbol(let path, let symbol):
            "\(path) repeats a single character (\(symbol)); a character model needs at least two different ones"
        }
    }
}

/// Plain-text training data.
public enum TextCorpus {
    /// The path that means standard input.
    public static let standardInput = "-"

    /// A text read from a path, and whether it is all of what the path holds.
    public struct Reading: Sendable, Equatable {
        public var text: String
        /// Whether the source held more than the bound: the text is then the bound's worth of its
        /// first bytes, cut at the last whole character.
        public var truncated: Bool
    }

    /// Reads at most `maximumBytes` bytes of text from `path` — a file, a FIFO, a process
    /// substitution, `/dev/stdin`, or `-` for standard input — and decodes them (see `decode`).
    /// A longer source is cut at the bound, back to the last whole character.
    public static func read(_ path: String, maximumBytes: Int) throws -> Reading {
        precondition(maximumBytes > 0 && maximumBytes < Int.max, "TextCorpus.read: a bound of \(maximumBytes) bytes")
        let (data, truncated) = try readBytes(path, maximumBytes: maximumBytes)
        let name = path == standardInput ? "standard input" : path
        guard truncated else {
            return Reading(text: try decode(data, path: name), truncated: false)
        }
        // Back off from the bound to the start of a UTF-8 scalar (at most three continuation bytes)…
        var cut = maximumBytes
        while cut > 0 && maximumBytes - cut < 3 && data[cut] & 0xC0 == 0x80 { cut -= 1 }
        var text = try decode(data.prefix(cut), path: name)
        // …and drop the last character, which the bytes after the bound may have continued.
        text.removeLast()
        if text.allSatisfy(\.isWhitespace) { throw TextCorpusError.empty(path: name) }
        return Reading(text: text, truncated: true)
    }

    /// The first `maximumBytes` bytes of `path` (or of standard input for `-`), and whether there
    /// were more. Errors say why a path cannot be read: missing, a dangling link, a folder, a
    /// socket, no permission, or the system's own reason.
    static func readBytes(_ path: String, maximumBytes: Int) throws -> (Data, truncated: Bool) {
        let handle: FileHandle
        if path == standardInput {
            handle = FileHandle.standardInput
        } else {
            try checkReadable(path)
            do {
                handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            } catch {
                throw TextCorpusError.unreadable(path: path, reason: reason(error))
            }
        }
        defer { if path != standardInput { try? handle.close() } }
        var data = Data()
        do {
            while data.count <= maximumBytes {
                let wanted = min(1 << 20, maximumBytes + 1 - data.count)
                guard let chunk = try handle.read(upToCount: wanted), !chunk.isEmpty else { break }
                data.append(chunk)
            }
        } catch {
            throw TextCorpusError.unreadable(
                path: path == standardInput ? "standard input" : path, reason: reason(error))
        }
        if data.count > maximumBytes { return (data, true) }
        return (data, false)
    }

    /// Throws the true reason why `path` cannot be opened for reading, if one can be told
    /// beforehand (an unreadable file is left to `open`, so that root may read it).
    static func checkReadable(_ path: String) throws {
        let manager = FileManager.default
        guard !path.isEmpty else { throw TextCorpusError.missing(path: "\"\"") }
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
            if let target = try? manager.destinationOfSymbolicLink(atPath: path) {
                throw TextCorpusError.unreadable(
                    path: path, reason: "it is a link to \(target), which does not exist")
            }
            // A path through a file ("notes.txt/chapter") names no file for that reason.
            var parent = URL(fileURLWithPath: path).deletingLastPathComponent()
            while parent.path != "/" && !manager.fileExists(atPath: parent.path) {
                parent = parent.deletingLastPathComponent()
            }
            var parentIsFolder: ObjCBool = false
            if manager.fileExists(atPath: parent.path, isDirectory: &parentIsFolder), !parentIsFolder.boolValue {
                throw TextCorpusError.unreadable(path: path, reason: "\(parent.path) is a file, not a folder")
            }
            throw TextCorpusError.missing(path: path)
        }
        if isFolder.boolValue {
            throw TextCorpusError.unreadable(path: path, reason: "it is a folder; give --text a text file inside it")
        }
        let type = (try? manager.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        if type == .typeSocket {
            throw TextCorpusError.unreadable(path: path, reason: "it is a socket, not a file or a pipe")
        }
    }

    /// The system's reason for a failed open or read, in a few words.
    static func reason(_ error: any Error) -> String {
        let error = error as NSError
        let posix =
            (error.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap {
                $0.domain == NSPOSIXErrorDomain ? $0.code : nil
            } ?? (error.domain == NSPOSIXErrorDomain ? error.code : nil)
        switch posix.flatMap({ POSIXErrorCode(rawValue: Int32($0)) }) {
        case .EACCES?, .EPERM?: return "permission denied (check the file's permissions with ls -l)"
        case .EISDIR?: return "it is a folder; give --text a text file inside it"
        case .ENXIO?: return "it is a device or socket with nothing to read"
        case let code?: return String(cString: strerror(code.rawValue)).lowercased()
        case nil: return error.localizedDescription
        }
    }

    /// The text in `data`, or the error `load` would throw for it: refuses empty data, UTF-16
    /// (a byte-order mark FF FE or FE FF), NUL bytes, invalid UTF-8, more than 10% control
    /// characters other than whitespace, and text that is only white space. A leading UTF-8
    /// byte-order mark is dropped and Windows line ends "\r\n" are read as "\n".
    public static func decode(_ data: Data, path: String) throws -> String {
        guard !data.isEmpty else { throw TextCorpusError.empty(path: path) }
        let start = data.prefix(2)
        if start.elementsEqual([0xFF, 0xFE]) || start.elementsEqual([0xFE, 0xFF]) {
            throw TextCorpusError.binary(path: path, reason: "it is UTF-16; save it as UTF-8")
        }
        if data.contains(0) { throw TextCorpusError.binary(path: path, reason: "it contains NUL bytes") }
        guard var text = String(data: data, encoding: .utf8) else {
            throw TextCorpusError.binary(path: path, reason: "it is not valid UTF-8")
        }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        if text.utf8.contains(0x0D) { text = text.replacingOccurrences(of: "\r\n", with: "\n") }
        var controls = 0
        var scalars = 0
        for scalar in text.unicodeScalars {
            scalars += 1
            if scalar.value < 32 && scalar != "\n" && scalar != "\r" && scalar != "\t" { controls += 1 }
        }
        if controls * 10 > scalars {
            throw TextCorpusError.binary(path: path, reason: "\(controls) control characters")
        }
        if text.allSatisfy(\.isWhitespace) { throw TextCorpusError.empty(path: path) }
        return text
    }

    /// Throws `tooShort` unless `text` has at least `needed` characters, and `oneSymbol` if all
    /// its characters are the same.
    public static func requireLength(_ text: String, _ needed: Int, path: String) throws {
        let count = text.count
        if count < needed { throw TextCorpusError.tooShort(path: path, characters: count, needed: needed) }
        if let first = text.first, text.allSatisfy({ $0 == first }) {
            throw TextCorpusError.oneSymbol(path: path, symbol: "\"\(Vocabulary.displayName(first))\"")
        }
    }
}
