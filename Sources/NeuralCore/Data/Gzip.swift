// Reading gzip files through zlib. This is the only file in NeuralCore that imports CZlib:
// zlib's stream struct and its C pointers stay in here; callers see byte arrays and Swift errors.

import CZlib
import Foundation

/// Decompressing (and, for tests, compressing) gzip data with zlib.
public enum Gzip {
    /// The size of each piece of output handed to zlib at a time.
    private static let chunkSize = 1 << 18

    /// True if `bytes` starts with the gzip magic number 1f 8b.
    public static func looksCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Reads a file: gunzipped if its name ends in `.gz`, as it is otherwise.
    public static func readFile(_ url: URL) throws -> [UInt8] {
        let raw: [UInt8]
        do {
            raw = [UInt8](try Data(contentsOf: url))
        } catch {
            throw DatasetError.unreadable(file: url.path, reason: error.localizedDescription)
        }
        guard url.pathExtension.lowercased() == "gz" else { return raw }
        return try decompress(raw, name: url.lastPathComponent)
    }

    /// Gunzips `bytes`. Several gzip members one after another (as `cat a.gz b.gz` makes)
    /// decompress to the concatenation of their contents; zero padding after the last member
    /// is ignored. A truncated or damaged stream throws `DatasetError.corruptCompressedData`.
    ///
    /// - Parameters:
    ///   - bytes: the compressed file's bytes.
    ///   - name: the file name to put in error messages.
    public static func decompress(_ bytes: [UInt8], name: String = "gzip data") throws -> [UInt8] {
        guard !bytes.isEmpty else {
            throw DatasetError.corruptCompressedData(file: name, reason: "the file is empty")
        }
        var output = [UInt8](repeating: 0, count: max(chunkSize, expectedSize(of: bytes) + 1))
        var produced = 0

        var stream = z_stream()
        // windowBits 15 + 32: the largest window, with automatic gzip/zlib header detection.
        var status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            throw DatasetError.corruptCompressedData(file: name, reason: "zlib could not start (code \(status))")
        }
        defer { inflateEnd(&stream) }

        try bytes.withUnsafeBufferPointer { input in
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
                    output.append(contentsOf: repeatElement(0, count: max(chunkSize, output.count / 2)))
                }
                let room = min(output.count - produced, Int(UInt32.max))
                status = output.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress! + produced
                    stream.avail_out = UInt32(room)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                produced += room - Int(stream.avail_out)

                switch status {
                case Z_OK:
                    continue
                case Z_STREAM_END:
                    membersFinished += 1
                    let remaining = Int(stream.avail_in) + (input.count - consumed)
                    let restStart = input.count - remaining
                    if remaining == 0 || input[restStart...].allSatisfy({ $0 == 0 }) { return }
                    // Another gzip member follows: start over on the rest of the input.
                    guard inflateReset(&stream) == Z_OK else {
                        throw DatasetError.corruptCompressedData(
                            file: name, reason: "zlib could not restart after member \(membersFinished)")
                    }
                case Z_BUF_ERROR:
                    // No progress was possible: with room to write, that means the input ran out.
                    if stream.avail_in == 0 && consumed == input.count {
                        throw DatasetError.corruptCompressedData(
                            file: name,
                            reason: "truncated: the compressed stream ends early (after \(produced) bytes of output)"
                        )
                    }
                case Z_NEED_DICT:
                    throw DatasetError.corruptCompressedData(file: name, reason: "the stream needs a preset dictionary")
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    let where_ = membersFinished > 0 ? " (in gzip member \(membersFinished + 1))" : ""
                    throw DatasetError.corruptCompressedData(file: name, reason: "corrupt data\(where_): \(message)")
                }
            }
        }
        output.removeSubrange(produced...)
        return output
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

    /// The uncompressed size stored in the last member's trailer (modulo 2³²), used only as a
    /// first guess for the output buffer.
    private static func expectedSize(of bytes: [UInt8]) -> Int {
        guard bytes.count >= 18 else { return 0 }
        let n = bytes.count
        let size =
            UInt32(bytes[n - 4]) | UInt32(bytes[n - 3]) << 8 | UInt32(bytes[n - 2]) << 16 | UInt32(bytes[n - 1]) << 24
        // Don't trust a damaged trailer to ask for absurd memory.
        return min(Int(size), 1 << 30)
    }
}
