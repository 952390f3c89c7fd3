// Reading a dataset's four files from disk: gunzip, check the SHA-256 of the content, parse the
// IDX headers, then pair images with labels.

import Foundation

/// Loads the training and test sets from files already located on disk.
public enum DatasetReader {
    /// Reads one file's uncompressed bytes and, if `verify`, checks them against `file.sha256`.
    public static func contents(
        of file: DatasetFile, at url: URL, dataset: String, verify: Bool = true
    ) throws -> [UInt8] {
        let bytes = try Gzip.readFile(url)
        if verify {
            let found = SHA256.hex(bytes)
            guard found == file.sha256 else {
                throw DatasetError.checksumMismatch(
                    file: url.path, dataset: dataset, expected: file.sha256, found: found)
            }
        }
        return bytes
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
    /// files). `files` replaces the canonical names and checksums, e.g. for small test files.
    public static func load(
        _ kind: DatasetKind, files: DatasetFiles? = nil, from locations: [DatasetFile: URL], verify: Bool = true
    ) throws -> (train: ImageDataset, test: ImageDataset) {
        let files = files ?? kind.files
        func split(_ imagesFile: DatasetFile, _ labelsFile: DatasetFile) throws -> ImageDataset {
            guard let imagesURL = locations[imagesFile], let labelsURL = locations[labelsFile] else {
                let missing = [imagesFile, labelsFile].filter { locations[$0] == nil }.map(\.name)
                throw DatasetError.unavailable(
                    dataset: kind.displayName, reason: "no location for \(missing.joined(separator: ", "))")
            }
            let images = try contents(of: imagesFile, at: imagesURL, dataset: kind.displayName, verify: verify)
            let labels = try contents(of: labelsFile, at: labelsURL, dataset: kind.displayName, verify: verify)
            return try dataset(
                imageBytes: images, imagesName: imagesURL.path, labelBytes: labels, labelsName: labelsURL.path,
                classNames: kind.classNames)
        }
        let train = try split(files.trainImages, files.trainLabels)
        let test = try split(files.testImages, files.testLabels)
        return (train, test)
    }
}
