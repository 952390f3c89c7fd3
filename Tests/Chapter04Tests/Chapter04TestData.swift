// Where Chapter 04's tests find MNIST, and the named tolerances of its claims.

import Foundation
import NeuralCore
import TestSupport

/// The shared copy of the real MNIST: `WORKBOOK_DATA`, else `../shared/data` beside the package.
enum Chapter04Data {
    static let folder: URL? = SharedData.folder

    static var hasMNIST: Bool { folder != nil }

    /// The real MNIST, loaded once per test process (checksums are the core tests' business).
    static let mnist: LoadedDataset? = {
        guard let folder else { return nil }
        var generator = SeededGenerator(seed: 1)
        var loader = DatasetLoader(dataFolder: folder)
        loader.allowDownload = false
        loader.allowSynthetic = false
        loader.verifyChecksums = false
        return try? loader.load(.mnist, generator: &generator)
    }()

    /// The first `count` MNIST training images, or generated digits when MNIST is absent (the
    /// sanity checks hold for any images with pixels in [0, 1]).
    static func images(_ count: Int) -> LabeledData {
        if let mnist { return LabeledData(mnist.train).subset(0..<count) }
        var generator = SeededGenerator(seed: 1)
        return LabeledData(SyntheticDigits.generate(count: count, generator: &generator))
    }
}

/// The tolerances of Chapter 04's claims, each with its reason.
enum Chapter04Tolerance {
    /// The untrained classifier's logits have standard deviation 0.01·‖x‖ ≈ 0.1 on MNIST, which
    /// moves the expected loss from ln 10 by about half their variance (≈ 0.005); 0.02 leaves margin.
    static let initialLossFromLn10 = 0.02
    /// The loss the 20-image overfit must reach: a hundredth of ln 10 (the seed-1 run reaches 0.005).
    static let overfitLoss = 0.02
    /// Eq. 4.6 by central differences: the cost's rounding noise (≈ 1e-16 · C) over h = 1e-5, plus O(h²).
    static let outputErrorByCentralDifferences = 1e-8
    /// Softmax Jacobian by central differences (values of order 0.1).
    static let jacobianByCentralDifferences = 1e-9
}
