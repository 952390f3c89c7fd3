// How a network's weights start. The choice decides whether hidden neurons begin saturated
// (Chapter 05's histogram of z) and so how fast learning starts.

import Foundation

/// A rule for drawing initial weights; biases always start N(0, 1) or 0 as stated per rule.
public enum WeightInitialization: Sendable, Equatable, CustomStringConvertible {
    /// Weights and biases N(0, 1): the "large" initialization of Nielsen's first network.
    case standardNormal
    /// Eq. 5.8 — weights N(0, 1/n_in), biases N(0, 1): z starts with standard deviation near 1.
    case scaledNormal
    /// Eq. 5.9 — Xavier/Glorot: weights N(0, 2/(n_in + n_out)), biases 0 (tanh, sigmoid).
    case xavier
    /// Eq. 5.9 — He: weights N(0, 2/n_in), biases 0 (ReLU, which zeroes half its inputs).
    case he

    public var description: String {
        switch self {
        case .standardNormal: "N(0, 1)"
        case .scaledNormal: "N(0, 1/n_in)"
        case .xavier: "Xavier N(0, 2/(n_in + n_out))"
        case .he: "He N(0, 2/n_in)"
        }
    }

    /// Standard deviation of the weights of a layer with `inputs` inputs and `outputs` outputs.
    public func weightStandardDeviation(inputs: Int, outputs: Int) -> Double {
        switch self {
        case .standardNormal: 1
        case .scaledNormal: (1 / Double(inputs)).squareRoot()
        case .xavier: (2 / Double(inputs + outputs)).squareRoot()
        case .he: (2 / Double(inputs)).squareRoot()
        }
    }

    /// Standard deviation of the biases (0 means they start at zero).
    public var biasStandardDeviation: Double {
        switch self {
        case .standardNormal, .scaledNormal: 1
        case .xavier, .he: 0
        }
    }

    /// A dense layer with weights and biases drawn by this rule.
    public func layer(
        inputs: Int, outputs: Int, activation: Activation, using generator: inout SeededGenerator
    ) -> DenseLayer {
        let weights = Matrix.gaussian(
            outputs, inputs, standardDeviation: weightStandardDeviation(inputs: inputs, outputs: outputs),
            using: &generator)
        let biases = Matrix.gaussian(outputs, 1, standardDeviation: biasStandardDeviation, using: &generator)
        return DenseLayer(weights: weights, biases: biases, activation: activation)
    }
}

/// Caffe's "xavier" filler with its default `variance_norm: FAN_IN` (Chapter 06, Eq. 6.13):
/// every weight uniform in [−√(3/n_in), √(3/n_in)), so its variance is (2a)²/12 = 1/n_in; biases 0
/// (Caffe's default constant filler). n_in is the fan-in: a dense layer's inputs, a kernel's
/// C_in·F_h·F_w.
public enum XavierUniform {
    /// a = √(3/n_in), the half-width of the interval.
    public static func bound(fanIn: Int) -> Double {
        precondition(fanIn > 0, "XavierUniform: the fan-in must be positive, got \(fanIn)")
        return (3 / Double(fanIn)).squareRoot()
    }

    /// A rows × columns matrix of weights uniform in ±√(3/`fanIn`).
    public static func weights(
        _ rows: Int, _ columns: Int, fanIn: Int, using generator: inout SeededGenerator
    ) -> Matrix {
        let a = bound(fanIn: fanIn)
        return Matrix.uniform(rows, columns, low: -a, high: a, using: &generator)
    }

    /// A dense layer of `outputs` × `inputs` weights uniform in ±√(3/inputs) and zero biases.
    public static func layer(
        inputs: Int, outputs: Int, activation: Activation, using generator: inout SeededGenerator
    ) -> DenseLayer {
        DenseLayer(
            weights: weights(outputs, inputs, fanIn: inputs, using: &generator),
            biases: Matrix(rows: outputs, columns: 1), activation: activation)
    }
}
