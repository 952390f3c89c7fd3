// Fetching dataset files from a list of mirrors. A file is accepted only if its uncompressed
// content has the published SHA-256; it is written to a temporary file and renamed into place,
// so an interrupted or rejected download never leaves a file that looks like a good one.

import Foundation

/// Downloads dataset files, trying mirrors in order.
public struct Downloader: Sendable {
    /// Base URLs; each file is fetched from `<mirror>/<name>.gz`.
    public var mirrors: [URL]
    /// Seconds a server may stay silent before the attempt is abandoned.
    public var timeout: TimeInterval
    /// Seconds one file's whole transfer may take.
    public var maximumDuration: TimeInterval
    /// The dataset's name for messages, e.g. "MNIST".
    public var datasetName: String
    /// Called with a line before each attempt ("downloading ... from ..."), if set.
    public var progress: (@Sendable (String) -> Void)?

    public init(
        mirrors: [URL], datasetName: String = "dataset", timeout: TimeInterval = 30,
        maximumDuration: TimeInterval = 600, progress: (@Sendable (String) -> Void)? = nil
    ) {
        self.mirrors = mirrors
        self.datasetName = datasetName
        self.timeout = timeout
        self.maximumDuration = maximumDuration
        self.progress = progress
    }

    /// A downloader for `kind` from its usual mirrors.
    public init(kind: DatasetKind, timeout: TimeInterval = 30, progress: (@Sendable (String) -> Void)? = nil) {
        self.init(mirrors: kind.mirrors, datasetName: kind.displayName, timeout: timeout, progress: progress)
    }

    /// Downloads `file` into `folder` and returns where it was written (`<folder>/<name>.gz`, or
    /// `<folder>/<name>` if a mirror served it uncompressed). Throws
    /// `DatasetError.downloadFailed` listing each mirror's failure if no mirror delivered a good copy.
    public func download(_ file: DatasetFile, into folder: URL) throws -> URL {
        var failures: [String] = []
        for mirror in mirrors {
            let source = mirror.appendingPathComponent(file.gzName)
            progress?("downloading \(file.gzName) from \(source.absoluteString)")
            do {
                // A gzip of the file is at most a little larger than the file (stored blocks).
                let body = [UInt8](
                    try HTTPFetch.get(
                        source, maximumBytes: file.byteCount + file.byteCount / 4096 + 1024, idleTimeout: timeout,
                        deadline: maximumDuration))
                let compressed = Gzip.looksCompressed(body)
                let content =
                    compressed ? try Gzip.decompress(body, name: source.absoluteString, limit: file.byteCount) : body
                let found = SHA256.hex(content)
                guard found == file.sha256 else {
                    throw DatasetError.checksumMismatch(
                        file: source.absoluteString, dataset: datasetName, expected: file.sha256, found: found,
                        advice: "trying the next mirror")
                }
                let destination = folder.appendingPathComponent(compressed ? file.gzName : file.name)
                try AtomicFile.write(body, to: destination)
                return destination
            } catch let error as DatasetError {
                if case .checksumMismatch(_, _, let expected, let found, _) = error {
                    failures.append(
                        "\(source.absoluteString): checksum mismatch (expected \(expected), found \(found))")
                } else {
                    failures.append("\(source.absoluteString): \(error.description)")
                }
            } catch {
                failures.append("\(source.absoluteString): \(error)")
            }
        }
        if mirrors.isEmpty { failures.append("no mirrors configured") }
        throw DatasetError.downloadFailed(file: file.gzName, failures: failures)
    }

    /// Downloads each of `files` into `folder`, stopping at the first file no mirror could deliver.
    public func download(_ files: [DatasetFile], into folder: URL) throws -> [DatasetFile: URL] {
        var written: [DatasetFile: URL] = [:]
        for file in files { written[file] = try download(file, into: folder) }
        return written
    }
}
