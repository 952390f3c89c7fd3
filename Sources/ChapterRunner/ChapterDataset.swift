// The dataset a chapter that trains on handwritten digits can switch to: MNIST or Fashion-MNIST.

import ArgumentParser
import NeuralCore

/// Which images a chapter's networks learn (`--dataset mnist|fashion`).
public enum ChapterDataset: String, ExpressibleByArgument, CaseIterable, Sendable, SettingValue {
    case mnist
    case fashion

    public var kind: DatasetKind { self == .mnist ? .mnist : .fashion }
    public var displayName: String { self == .mnist ? "MNIST" : "Fashion-MNIST" }
}

/// `--precision double|single`: the precision of a chapter's convolution products.
extension ProductPrecision: ExpressibleByArgument, SettingValue {}
