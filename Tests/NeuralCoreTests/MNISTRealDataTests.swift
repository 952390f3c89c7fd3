import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("Real MNIST and Fashion-MNIST (when present)", .serialized)
struct MNISTRealDataTests {
    @Test(
        "MNIST: counts, shapes, checksums, first labels, pixel range",
        .enabled(if: SharedData.has(.mnist), "the real MNIST files are not in ../shared/data or WORKBOOK_DATA"))
    func mnist() throws {
        let folder = try #require(SharedData.folder)
        var generator = SeededGenerator(seed: 1)
        var loader = DatasetLoader(dataFolder: folder)
        loader.allowDownload = false
        loader.allowSynthetic = false
        let data = try loader.load(.mnist, generator: &generator)  // checksums verified
        #expect(
            data.source.folder?.standardizedFileURL.path
                == folder.appendingPathComponent("mnist").standardizedFileURL.path)
        #expect(data.train.count == 60_000 && data.test.count == 10_000)
        #expect(data.train.rows == 28 && data.train.columns == 28)
        #expect(data.train.pixels.count == 60_000 * 784)
        #expect(data.train.labels.prefix(6) == [5, 0, 4, 1, 9, 2])
        #expect(data.test.labels.prefix(6) == [7, 2, 1, 0, 4, 1])
        #expect(data.train.pixels.min() == 0 && data.train.pixels.max() == 255)
        #expect(data.train.classCounts().allSatisfy { $0 > 5000 })
        #expect(data.train.classNames == (0...9).map(String.init))
        let batch = data.train.inputs(indices: [0, 1])
        #expect(batch.rows == 784 && batch.columns == 2)
        #expect(batch.elements.allSatisfy { (0...1).contains($0) })
        #expect(data.train.oneHotLabels(indices: [0])[5, 0] == 1)
    }

    @Test(
        "Fashion-MNIST: counts, checksums, first labels",
        .enabled(
            if: SharedData.has(.fashion), "the real Fashion-MNIST files are not in ../shared/data or WORKBOOK_DATA"))
    func fashion() throws {
        let folder = try #require(SharedData.folder)
        var generator = SeededGenerator(seed: 1)
        let data = try DatasetLoader.load(
            .fashion, dataFolder: folder, allowDownload: false, allowSynthetic: false, generator: &generator)
        #expect(data.train.count == 60_000 && data.test.count == 10_000)
        #expect(data.train.labels.first == 9 && data.test.labels.first == 9)
        #expect(data.train.classNames[9] == "Ankle boot")
        #expect(data.test.pixels.max() == 255)
    }

    @Test(
        "a labels file in place of an images file is caught by its magic number before any checksum",
        .enabled(if: SharedData.has(.mnist), "the real MNIST files are not in ../shared/data or WORKBOOK_DATA"))
    func swappedFiles() throws {
        let folder = try #require(SharedData.folder)
        let labels = folder.appendingPathComponent("mnist/t10k-labels-idx1-ubyte.gz")
        let file = DatasetKind.mnist.files.testImages
        let magic = try #require(throws: DatasetError.self) {
            try DatasetReader.contents(of: file, at: labels, dataset: "MNIST")
        }
        #expect(magic.description.contains("is this a labels file?"))
        #expect(!magic.description.contains("checksum"))
    }
}
