// Reading a dataset's four files from disk: check the name against the compression and the IDX
// header against the expected file, gunzip no further than the header promises, check the SHA-256
// of the content, then pair images with labels.

import Foundation

/// Loads the training and test sets from files already located on disk.
public enum DatasetReader {
    /// Reads one file's uncompressed bytes, never more than `file.byteCount`, checking on the
    /// way, clearest finding first: the name against the compression, the IDX header against
    /// the file that is expected, the size, and (if `verify`) the SHA-256 against `file.sha256`.
    /// `origin` says where the file came from, which decides the advice when it is wrong.
    public static func contents(
        of file: DatasetFile, at url: URL, dataset: String, verify: Bool = true,
        origin: DataLocation.Origin = .flag
    ) throws -> [UInt8] {
        let path = url.path
        let compressed = url.pathExtension.lowercased() == "gz"
        let size = try Gzip.fileSize(url)
        // The start of the file says what it is before anything large is read.
        let start = try Gzip.readStart(url, count: 1 << 16)
        if compressed && !start.isEmpty && !Gzip.looksCompressed(start) {
            let idx = start.count >= 4 && readBigEndian(start, at: 0) == file.magic
            throw DatasetError.misnamed(
                file: path,
                detail: idx
                    ? "named .gz, but it is an uncompressed IDX file; rename it to \(url.deletingPathExtension().lastPathComponent)"
                    : "named .gz, but it is not gzip data (it does not start with 1f 8b)")
        }
        if !compressed && Gzip.looksCompressed(start) {
            throw DatasetError.misnamed(
                file: path, detail: "gzip-compressed, but its name lacks .gz; rename it to \(url.lastPathComponent).gz")
        }
        let head = compressed ? try Gzip.prefix(start, count: 16, name: path) : Array(start.prefix(16))
        let header = try IDX.header(head, file: path, expectedMagic: file.magic)
        if header.totalSize > file.byteCount || (verify && header.totalSize != file.byteCount) {
            throw DatasetError.unexpectedSize(
                file: path,
                detail:
                    "its header says \(header.summary) (\(grouped(header.totalSize)) bytes), but \(dataset)'s \(file.name) has \(expectedSummary(file, like: header))"
            )
        }
        // From here on, the header's size is the most the file may hold.
        let expected = header.totalSize
        let bytes: [UInt8]
        if compressed {
            guard size <= Gzip.compressedBound(expected) else {
                throw DatasetError.tooLarge(
                    file: path,
                    detail:
                        "\(grouped(size)) bytes of gzip for the \(grouped(expected)) bytes its header promises; the file is damaged, or not this dataset's"
                )
            }
            do {
                bytes = try Gzip.decompress(Gzip.read(url), name: path, limit: expected)
            } catch DatasetError.tooLarge {
                throw DatasetError.trailingBytes(
                    file: path,
                    detail:
                        "it inflates to more than the \(grouped(expected)) bytes its header promises (\(header.summary)); inflating stopped there"
                )
            }
        } else {
            guard size == expected else {
                let detail = "header says \(header.summary) = \(grouped(expected)) bytes, file has \(grouped(size))"
                throw size < expected
                    ? DatasetError.truncated(file: path, detail: detail)
                    : DatasetError.trailingBytes(file: path, detail: detail)
            }
            bytes = try Gzip.read(url)
        }
        guard bytes.count == expected else {
            throw DatasetError.truncated(
                file: path,
                detail: "header says \(header.summary) = \(grouped(expected)) bytes, file has \(grouped(bytes.count))")
        }
        if verify {
            let found = SHA256.hex(bytes)
            guard found == file.sha256 else {
                let folder = url.deletingLastPathComponent().path
                if let (kind, other) = DatasetKind.identify(sha256: found) {
                    throw DatasetError.otherFile(
                        file: path, holds: "\(kind.displayName)'s \(other.name)", expected: "\(dataset)'s \(file.name)",
                        advice: otherFileAdvice(kind: kind, file: other, folder: folder, dataset: dataset))
                }
                throw DatasetError.checksumMismatch(
                    file: path, dataset: dataset, expected: file.sha256, found: found, advice: advice(for: origin))
            }
        }
        return bytes
    }

    /// What the expected file holds, said in the header's terms where they fit.
    static func expectedSummary(_ file: DatasetFile, like header: IDX.Header) -> String {
        let data = file.byteCount - header.headerSize
        let perItem = header.dimensions.dropFirst().reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
        if data >= 0, perItem > 0, data % perItem == 0 {
            var like = header
            like.dimensions[0] = data / perItem
            return "\(like.summary) (\(grouped(file.byteCount)) bytes)"
        }
        return "\(grouped(file.byteCount)) bytes"
    }

    /// What to do about a corrupt file, by where it came from.
    static func advice(for origin: DataLocation.Origin) -> String {
        switch origin {
        case .flag:
            return
                "replace it with an intact copy (files in a --data folder are never downloaded) or pass another --data folder"
        case .environment:
            return
                "replace it with an intact copy (files in the \(DataLocator.environmentVariable) folder are never downloaded) or point \(DataLocator.environmentVariable) elsewhere"
        case .defaultFolder:
            return "delete it and run again to download a fresh copy into the default data folder"
        }
    }

    /// What to do about a genuine file in the wrong place: keep it, and put each dataset in its
    /// own subfolder.
    static func otherFileAdvice(kind: DatasetKind, file: DatasetFile, folder: String, dataset: String) -> String {
        let expected = DatasetKind.allCases.first { $0.displayName == dataset }
        if let expected, expected != kind {
            let asked = expected == .fashion ? " (--dataset fashion asks for Fashion-MNIST)" : ""
            return
                "the file is genuine; keep each dataset in its own subfolder, \(kind.folderName)/ and \(expected.folderName)/, of the data folder\(asked)"
        }
        return "the files are swapped or misnamed; this one should be named \(file.name) (or \(file.gzName))"
    }

    /// Reads an images file and a labels file into one dataset, checking everything.
    public static func dataset(
        images: URL, labels: URL, classNames: [String]
    ) throws -> ImageDataset {
        try dataset(
            imageBytes: Gzip.readFile(images), imagesName: images.path,
            labelBytes: Gzip.readFile(labels), labelsName: labels.path, classNames: classNames)
    }

    /// Parses the uncompressed bytes of an images file and a labels file into one dataset.
    public static func dataset(
        imageBytes: [UInt8], imagesName: String, labelBytes: [UInt8], labelsName: String, classNames: [String]
    ) throws -> ImageDataset {
        let parsedImages = try IDX.parseImages(imageBytes, file: imagesName)
        let parsedLabels = try IDX.parseLabels(labelBytes, file: labelsName)
        return try ImageDataset.validated(
            images: parsedImages, imagesFile: imagesName, labels: parsedLabels, labelsFile: labelsName,
            classNames: classNames)
    }

    /// Loads the training and test sets of `kind` from `locations` (which must hold all four
    /// files). `files` replaces the canonical names and checksums, e.g. for small test files;
    /// `origin` is where the files were found, for the advice when one is wrong.
    public static func load(
        _ kind: DatasetKind, files: DatasetFiles? = nil, from locations: [DatasetFile: URL], verify: Bool = true,
        origin: DataLocation.Origin = .flag
    ) throws -> (train: ImageDataset, test: ImageDataset) {
        let files = files ?? kind.files
        func split(_ imagesFile: DatasetFile, _ labelsFile: DatasetFile) throws -> ImageDataset {
            guard let imagesURL = locations[imagesFile], let labelsURL = locations[labelsFile] else {
                let missing = [imagesFile, labelsFile].filter { locations[$0] == nil }.map(\.name)
                throw DatasetError.unavailable(
                    dataset: kind.displayName, reason: "no location for \(missing.joined(separator: ", "))")
            }
            let images = try contents(
                of: imagesFile, at: imagesURL, dataset: kind.displayName, verify: verify, origin: origin)
            let labels = try contents(
                of: labelsFile, at: labelsURL, dataset: kind.displayName, verify: verify, origin: origin)
            return try dataset(
                imageBytes: images, imagesName: imagesURL.path, labelBytes: labels, labelsName: labelsURL.path,
                classNames: kind.classNames)
        }
        let train = try split(files.trainImages, files.trainLabels)
        let test = try split(files.testImages, files.testLabels)
        return (train, test)
    }
}
