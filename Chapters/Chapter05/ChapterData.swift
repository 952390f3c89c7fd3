// The MNIST splits every section of the chapter uses: a small training set to overfit, the
// full training set less a validation set, and the test set.

import ChapterRunner
import NeuralCore

/// MNIST (or the generated digits offline) cut into the chapter's training, validation and test sets.
struct ChapterData {
    /// The first `smallCount` training images: small enough to memorise (1,000 in a full run).
    let small: LabeledData
    /// The training images not held out for validation (50,000 of real MNIST).
    let training: LabeledData
    /// The last training images, held out to tune and to schedule the learning rate (10,000).
    let validation: LabeledData
    /// The test set (10,000), or a prefix of it in a quick run.
    let test: LabeledData
    /// Whether the data are the generated digits rather than MNIST.
    let isSynthetic: Bool
    /// MNIST or Fashion-MNIST.
    let dataset: ChapterDataset

    /// Whether the literature's numbers the notes quote (Nielsen's, for MNIST) apply to these images.
    var isMNIST: Bool { dataset == .mnist }

    init(_ session: ChapterSession, dataset: ChapterDataset = .mnist) throws {
        self.dataset = dataset
        let loaded = try session.loadImages(dataset.kind)
        let quick = session.options.quick
        let all = LabeledData(loaded.train)
        let testAll = LabeledData(loaded.test)
        let validationCount = min(10_000, all.count / 6)
        let trainingCount = all.count - validationCount
        let usedTraining = quick ? min(1_000, trainingCount) : trainingCount
        small = all.subset(0..<min(quick ? 200 : 1_000, trainingCount))
        training = all.subset(0..<usedTraining)
        validation = all.subset(trainingCount..<(quick ? min(trainingCount + 500, all.count) : all.count))
        test = testAll.subset(0..<(quick ? min(500, testAll.count) : testAll.count))
        isSynthetic = loaded.source.isSynthetic
        session.configure("data.small", .integer(small.count))
        session.configure("data.training", .integer(training.count))
        session.configure("data.validation", .integer(validation.count))
        session.configure("data.test", .integer(test.count))
    }
}
