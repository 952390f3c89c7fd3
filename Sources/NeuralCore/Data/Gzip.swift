// Reading gzip files through zlib. This is the only file in NeuralCore that imports CZlib:
// zlib's stream struct and its C pointers stay in here; callers see byte arrays and Swift errors.
//
// Memory follows what the caller expects, not what the file claims: the trailer's size is only a
// hint (capped by the most deflate can expand the input, 1032 : 1, and by the caller's limit), and
// inflating stops as soon as the output would pass the limit, so a gzip bomb costs at most the
// limit, however far it would inflate.

import CZlib
import Foundation

/// Decompressing (and, for tests, compressing) gzip data with zlib.
public enum Gzip {
    /// The size of each piece of output handed to zlib at a time.
    private static let chunkSize = 1 << 18
    /// The most one compressed byte can inflate to: deflate's longest match (258 bytes) in a
    /// code of 1 bit, plus its distance in 1 bit, gives 1032 bytes per byte.
    public static let largestRatio = 1032
    /// The output limit when the caller gives none: 128 MiB, more than any dataset file here
    /// (MNIST's largest is 47 MB) needs.
    public static let defaultLimit = 1 << 27

    /// True if `bytes` starts with the gzip magic number 1f 8b.
    public static func looksCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Reads a file: gunzipped if its name ends in `.gz`, as it is otherwise. A file that cannot
    /// hold at most `limit` bytes of content is refused before it is read.
    public static func readFile(_ url: URL, limit: Int = defaultLimit) throws -> [UInt8] {
        let compressed = url.pathExtension.lowercased() == "gz"
        let size = try fileSize(url)
        let largest = compressed ? compressedBound(limit) : limit
        guard size <= largest else {
            throw DatasetError.tooLarge(
                file: url.path,
                detail:
                    "the file is \(grouped(size)) bytes, more than \(compressed ? "a gzip of " : "")the \(grouped(limit)) bytes expected\(compressed ? " can be" : "")"
            )
        }
        let raw = try read(url)
        guard compressed else { return raw }
        return try decompress(raw, name: url.path, limit: limit)
    }

    /// The size of the regular file at `url` (symbolic links followed) in bytes, or an error
    /// saying why it cannot be read; a FIFO, device or folder is refused for what it is.
    public static func fileSize(_ url: URL) throws -> Int {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path)
        } catch {
            throw DatasetError.unreadable(file: url.path, reason: error.localizedDescription)
        }
        let type = attributes[.type] as? FileAttributeType
        guard type == nil || type == .typeRegular else {
            let what = type == .typeDirectory ? "a folder" : "not a regular file (a pipe or device?)"
            throw DatasetError.unreadable(file: url.path, reason: "it is \(what); give a dataset file")
        }
        return (attributes[.size] as? NSNumber)?.intValue ?? 0
    }

    /// The first `count` bytes of the file at `url` (fewer if it is shorter).
    public static func readStart(_ url: URL, count: Int) throws -> [UInt8] {
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            return [UInt8](try handle.read(upToCount: count) ?? Data())
        } catch {
            throw DatasetError.unreadable(file: url.path, reason: error.localizedDescription)
        }
    }

    /// The bytes of the file at `url`.
    public static func read(_ url: URL) throws -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: url))
        } catch {
            throw DatasetError.unreadable(file: url.path, reason: error.localizedDescription)
        }
    }

    /// The largest a gzip file of `limit` bytes of content can reasonably be: deflate's stored
    /// blocks add 5 bytes per 64 KiB, a header with a name and comment a little more; we allow
    /// 1/64 plus 1 MiB, which no real gzip tool exceeds.
    public static func compressedBound(_ limit: Int) -> Int {
        limit.addingReportingOverflow(limit / 64 + (1 << 20)).partialValue
    }

    /// Gunzips `bytes`. Several gzip members one after another (as `cat a.gz b.gz` makes)
    /// decompress to the concatenation of their contents; zero padding after the last member
    /// is ignored. A truncated or damaged stream throws `DatasetError.corruptCompressedData`; a
    /// stream that inflates past `limit` bytes throws `DatasetError.tooLarge` as soon as it does.
    ///
    /// - Parameters:
    ///   - bytes: the compressed file's bytes.
    ///   - name: the file name to put in error messages.
    ///   - limit: the most output accepted.
    public static func decompress(_ bytes: [UInt8], name: String = "gzip data", limit: Int = defaultLimit) throws
        -> [UInt8]
    {
        let (output, complete) = try inflate(bytes, name: name, limit: limit)
        guard complete else {
            throw DatasetError.tooLarge(
                file: name, detail: "it inflates to more than the \(grouped(limit)) bytes expected")
        }
        return output
    }

    /// The first `count` bytes of what `bytes` inflate to (fewer if the content is shorter),
    /// without inflating the rest: enough to read a header.
    public static func prefix(_ bytes: [UInt8], count: Int, name: String = "gzip data") throws -> [UInt8] {
        let (output, _) = try inflate(bytes, name: name, limit: count, toleratingTruncation: true)
        return Array(output.prefix(count))
    }

    /// The output buffer to start with: the trailer's size, believed only as far as deflate can
    /// expand `compressed` and never past `limit` + 1 (one byte more shows the content is longer).
    static func initialCapacity(compressed: [UInt8], limit: Int) -> Int {
        let cap = max(0, limit).addingReportingOverflow(1).partialValue
        let (ratioBound, overflow) = compressed.count.multipliedReportingOverflow(by: largestRatio)
        let guess = min(expectedSize(of: compressed), overflow ? Int.max : ratioBound, cap - 1) + 1
        return min(cap, max(4096, guess))
    }

    /// Inflates at most `limit` + 1 bytes of `bytes`; `complete` is false when the content is
    /// longer than `limit` (the output then holds `limit` + 1 bytes, the rest not inflated).
    private static func inflate(
        _ bytes: [UInt8], name: String, limit: Int, toleratingTruncation: Bool = false
    ) throws -> (output: [UInt8], complete: Bool) {
        guard !bytes.isEmpty else {
            throw DatasetError.corruptCompressedData(file: name, reason: "the file is empty")
        }
        let cap = max(0, limit).addingReportingOverflow(1).partialValue
        var output = [UInt8](repeating: 0, count: initialCapacity(compressed: bytes, limit: limit))
        var produced = 0

        var stream = z_stream()
        // windowBits 15 + 32: the largest window, with automatic gzip/zlib header detection.
        var status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            throw DatasetError.corruptCompressedData(file: name, reason: "zlib could not start (code \(status))")
        }
        defer { inflateEnd(&stream) }

        let complete = try bytes.withUnsafeBufferPointer { input -> Bool in
            let base = input.baseAddress!
            var consumed = 0  // input bytes handed to zlib so far
            var membersFinished = 0
            while true {
                // Feed input in pieces zlib's 32-bit counters can hold.
                if stream.avail_in == 0 && consumed < input.count {
                    let piece = min(input.count - consumed, Int(UInt32.max))
                    stream.next_in = UnsafeMutablePointer(mutating: base + consumed)
                    stream.avail_in = UInt32(piece)
                    consumed += piece
                }
                if produced == output.count {
                    // Full at the cap: the content is longer than the limit; stop here.
                    if output.count >= cap { return false }
                    let grown = min(cap, output.count + max(chunkSize, output.count / 2))
                    output.append(contentsOf: repeatElement(0, count: grown - output.count))
                }
                let room = min(output.count - produced, Int(UInt32.max))
                status = output.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress! + produced
                    stream.avail_out = UInt32(room)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                produced += room - Int(stream.avail_out)

                switch status {
                case Z_OK:
                    continue
                case Z_STREAM_END:
                    membersFinished += 1
                    let remaining = Int(stream.avail_in) + (input.count - consumed)
                    let restStart = input.count - remaining
                    if remaining == 0 || input[restStart...].allSatisfy({ $0 == 0 }) { return true }
                    // Another gzip member follows: start over on the rest of the input.
                    guard inflateReset(&stream) == Z_OK else {
                        throw DatasetError.corruptCompressedData(
                            file: name, reason: "zlib could not restart after member \(membersFinished)")
                    }
                case Z_BUF_ERROR:
                    // No progress was possible: with room to write, that means the input ran out.
                    if stream.avail_in == 0 && consumed == input.count {
                        if toleratingTruncation { return true }
                        throw DatasetError.corruptCompressedData(
                            file: name,
                            reason: "truncated: the compressed stream ends early (after \(produced) bytes of output)"
                        )
                    }
                case Z_NEED_DICT:
                    throw DatasetError.corruptCompressedData(file: name, reason: "the stream needs a preset dictionary")
                default:
                    let message = explain(stream.msg.map { String(cString: $0) } ?? "zlib error \(status)")
                    let where_ = membersFinished > 0 ? " (in gzip member \(membersFinished + 1))" : ""
                    throw DatasetError.corruptCompressedData(file: name, reason: "corrupt data\(where_): \(message)")
                }
            }
        }
        output.removeSubrange(produced...)
        return (output, complete && produced <= limit)
    }

    /// Compresses `bytes` into one gzip member. The loader never needs this; it lets tests make
    /// gzip files without importing zlib themselves.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        var stream = z_stream()
        // windowBits 15 + 16: write a gzip header and trailer instead of zlib's.
        let status = deflateInit2_(
            &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            throw DatasetError.corruptCompressedData(
                file: "gzip output", reason: "zlib could not start (code \(status))")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(bytes.count))) + 64
        var output = [UInt8](repeating: 0, count: bound)
        var input = bytes
        let finish = input.withUnsafeMutableBufferPointer { inp in
            output.withUnsafeMutableBufferPointer { out -> Int32 in
                stream.next_in = inp.baseAddress
                stream.avail_in = UInt32(inp.count)
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard finish == Z_STREAM_END else {
            throw DatasetError.corruptCompressedData(
                file: "gzip output", reason: "deflate did not finish (code \(finish))")
        }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }

    /// zlib's terse reason, with what it means for a gzip file.
    private static func explain(_ message: String) -> String {
        switch message {
        case "incorrect length check":
            return "the size in the gzip trailer does not match the content (incorrect length check): damaged or forged"
        case "incorrect data check":
            return "the CRC-32 in the gzip trailer does not match the content (incorrect data check): damaged"
        default: return message
        }
    }

    /// The uncompressed size stored in the last member's trailer (modulo 2³²), used only as a
    /// first guess for the output buffer (the caller caps it).
    private static func expectedSize(of bytes: [UInt8]) -> Int {
        guard bytes.count >= 18 else { return 0 }
        let n = bytes.count
        let size =
            UInt32(bytes[n - 4]) | UInt32(bytes[n - 3]) << 8 | UInt32(bytes[n - 2]) << 16 | UInt32(bytes[n - 1]) << 24
        return Int(size)
    }
}
