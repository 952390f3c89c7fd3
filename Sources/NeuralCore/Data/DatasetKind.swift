// The two datasets the workbook trains on, with their canonical file names, the SHA-256 of each
// file's uncompressed content, and the mirrors they can be downloaded from.

import Foundation

/// One file of a dataset: its canonical name (without `.gz`) and what its content must be.
public struct DatasetFile: Sendable, Hashable, CustomStringConvertible {
    /// Canonical uncompressed name, e.g. `train-images-idx3-ubyte`.
    public var name: String
    /// SHA-256 of the uncompressed bytes, lowercase hex.
    public var sha256: String
    /// Size of the uncompressed bytes.
    public var byteCount: Int

    public init(name: String, sha256: String, byteCount: Int) {
        self.name = name
        self.sha256 = sha256
        self.byteCount = byteCount
    }

    /// The name of the compressed download, e.g. `train-images-idx3-ubyte.gz`.
    public var gzName: String { name + ".gz" }
    /// Names this file may have on disk, in the order they are looked for.
    public var candidateNames: [String] { [gzName, name] }
    /// The IDX magic number the file starts with: images (`idx3`) or labels (`idx1`).
    public var magic: UInt32 { name.contains("idx3") ? IDX.imagesMagic : IDX.labelsMagic }
    public var description: String { name }
}

/// The four files of an MNIST-style dataset.
public struct DatasetFiles: Sendable, Hashable {
    public var trainImages: DatasetFile
    public var trainLabels: DatasetFile
    public var testImages: DatasetFile
    public var testLabels: DatasetFile

    public init(trainImages: DatasetFile, trainLabels: DatasetFile, testImages: DatasetFile, testLabels: DatasetFile) {
        self.trainImages = trainImages
        self.trainLabels = trainLabels
        self.testImages = testImages
        self.testLabels = testLabels
    }

    /// All four, training set first.
    public var all: [DatasetFile] { [trainImages, trainLabels, testImages, testLabels] }
}

/// MNIST (handwritten digits) or Fashion-MNIST (clothing), which share the file format and names.
public enum DatasetKind: String, Sendable, CaseIterable {
    case mnist
    case fashion

    /// The name to show people.
    public var displayName: String {
        switch self {
        case .mnist: return "MNIST"
        case .fashion: return "Fashion-MNIST"
        }
    }

    /// The subfolder of a data folder that holds this dataset.
    public var folderName: String {
        switch self {
        case .mnist: return "mnist"
        case .fashion: return "fashion-mnist"
        }
    }

    /// Class names by label.
    public var classNames: [String] {
        switch self {
        case .mnist: return (0...9).map(String.init)
        case .fashion:
            return [
                "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
            ]
        }
    }

    /// The canonical files with the SHA-256 of their uncompressed content.
    public var files: DatasetFiles {
        switch self {
        case .mnist:
            return DatasetFiles(
                trainImages: DatasetFile(
                    name: "train-images-idx3-ubyte",
                    sha256: "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", byteCount: 47_040_016),
                trainLabels: DatasetFile(
                    name: "train-labels-idx1-ubyte",
                    sha256: "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", byteCount: 60_008),
                testImages: DatasetFile(
                    name: "t10k-images-idx3-ubyte",
                    sha256: "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", byteCount: 7_840_016),
                testLabels: DatasetFile(
                    name: "t10k-labels-idx1-ubyte",
                    sha256: "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", byteCount: 10_008))
        case .fashion:
            return DatasetFiles(
                trainImages: DatasetFile(
                    name: "train-images-idx3-ubyte",
                    sha256: "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", byteCount: 47_040_016),
                trainLabels: DatasetFile(
                    name: "train-labels-idx1-ubyte",
                    sha256: "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", byteCount: 60_008),
                testImages: DatasetFile(
                    name: "t10k-images-idx3-ubyte",
                    sha256: "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", byteCount: 7_840_016),
                testLabels: DatasetFile(
                    name: "t10k-labels-idx1-ubyte",
                    sha256: "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", byteCount: 10_008))
        }
    }

    /// The dataset and file whose content has this SHA-256, if it is one of the known files.
    public static func identify(sha256: String) -> (kind: DatasetKind, file: DatasetFile)? {
        for kind in allCases {
            if let file = kind.files.all.first(where: { $0.sha256 == sha256 }) { return (kind, file) }
        }
        return nil
    }

    /// Base URLs tried in order when downloading; each file is `<mirror>/<name>.gz`.
    public var mirrors: [URL] {
        let addresses: [String]
        switch self {
        case .mnist:
            addresses = [
                "https://ossci-datasets.s3.amazonaws.com/mnist/",
                "https://storage.googleapis.com/cvdf-datasets/mnist/",
                "http://yann.lecun.com/exdb/mnist/",
            ]
        case .fashion:
            addresses = [
                "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
                "https://storage.googleapis.com/tensorflow/tf-keras-datasets/",
            ]
        }
        return addresses.compactMap(URL.init(string:))
    }
}
