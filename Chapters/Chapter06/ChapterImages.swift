// The images the chapter uses: the whole training set (60,000) and the test set (10,000), or a
// small subset in a quick run.

import ChapterRunner
import NeuralCore

/// MNIST or Fashion-MNIST as training and test sets.
struct ChapterImages {
    let dataset: ChapterDataset
    let training: LabeledData
    let test: LabeledData
    let classNames: [String]
    let height: Int
    let width: Int
    let isSynthetic: Bool

    /// Quick runs train on this many images and test on `quickTest`.
    static let quickTraining = 2_000
    static let quickTest = 500

    init(_ session: ChapterSession, dataset: ChapterDataset) throws {
        self.dataset = dataset
        let quick = session.options.quick
        let loaded = try session.loadImages(dataset.kind, syntheticCounts: quick ? (3_000, 600) : nil)
        let trainImages = loaded.train
        let trainingCount = quick ? min(Self.quickTraining, trainImages.count) : trainImages.count
        let all = LabeledData(trainImages)
        training = trainingCount == all.count ? all : all.subset(0..<trainingCount)
        let testAll = LabeledData(loaded.test)
        test = quick ? testAll.subset(0..<min(Self.quickTest, testAll.count)) : testAll
        classNames = trainImages.classNames
        height = trainImages.rows
        width = trainImages.columns
        isSynthetic = loaded.source.isSynthetic
        session.configure("data.training", .integer(training.count))
        session.configure("data.test", .integer(test.count))
    }

    /// Example `index` of `data` as a height × width matrix of pixels in [0, 1].
    func image(_ data: LabeledData, _ index: Int) -> Matrix {
        Matrix(rows: height, columns: width, elements: data.examples.row(index))
    }
}

/// "12.34%".
