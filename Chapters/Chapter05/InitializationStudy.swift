// Why the scale of the initial weights matters: with N(0, 1) weights a hidden neuron's
// weighted input z sums hundreds of pixels and lands far out on the flat tails of σ.

import NeuralCore

enum InitializationStudy {
    /// |z| above this counts as saturated: σ′(4) = 0.0177, under a fourteenth of σ′(0) = ¼.
    static let saturationThreshold = 4.0

    /// The weighted inputs z = wx + b of a fresh hidden layer of `hidden` sigmoid units, drawn by
    /// `initialization`, for every column of `x` (Eq. 5.8 and 5.9 set the spread of w).
    static func preActivations(
        inputs x: Matrix, hidden: Int, initialization: WeightInitialization, generator: inout SeededGenerator
    ) -> [Double] {
        let layer = initialization.layer(inputs: x.rows, outputs: hidden, activation: .sigmoid, using: &generator)
        return layer.forward(x).z.elements
    }

    /// The fraction of `z` beyond ±`threshold`.
    static func saturatedFraction(_ z: [Double], threshold: Double = saturationThreshold) -> Double {
        guard !z.isEmpty else { return 0 }
        return Double(z.filter { abs($0) > threshold }.count) / Double(z.count)
    }

    /// The sample standard deviation of `values`.
    static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }

    /// The average of each consecutive window of `size` values (a smoothed training-cost curve).
    static func windowAverages(_ values: [Double], size: Int) -> [Double] {
        stride(from: 0, to: values.count - size + 1, by: size).map { start in
            values[start..<(start + size)].reduce(0, +) / Double(size)
        }
    }
}
