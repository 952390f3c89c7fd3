// What section 5.11 measures about trained weights: how many are (near) zero, a histogram of
// their magnitudes on logarithmic bins, and the soft-threshold ("proximal") L1 step that can set
// a weight to exactly zero, which the sgn(w) step of Eq. 5.4 cannot.

import Foundation
import NeuralCore

/// Counts and bins of weight magnitudes.
enum Sparsity {
    /// The fraction of `weights` with |w| < `threshold` (with threshold 0: none; use `exactZeros`).
    static func fraction(_ weights: [Double], below threshold: Double) -> Double {
        guard !weights.isEmpty else { return 0 }
        return Double(weights.filter { abs($0) < threshold }.count) / Double(weights.count)
    }

    /// How many of `weights` are exactly 0 (either sign).
    static func exactZeros(_ weights: [Double]) -> Int { weights.filter { $0 == 0 }.count }

    /// Every weight of every dense layer (not the biases), in order.
    static func weights(_ network: Network) -> [Double] { network.denseLayers.flatMap(\.weights.elements) }

    /// The input features that are 0 in every example of `data` (for MNIST: pixels blank in every
    /// image). A first-layer weight from such a feature gets ∂C₀/∂w = δ · x = 0 from every example.
    static func blankFeatures(_ data: LabeledData) -> [Int] {
        (0..<data.features).filter { feature in
            (0..<data.count).allSatisfy { data.examples[$0, feature] == 0 }
        }
    }

    /// How many first-layer weights from `features` are exactly 0.
    static func zerosOfFeatures(_ network: Network, features: [Int]) -> Int {
        let w = network.denseLayers[0].weights
        return features.reduce(0) { total, feature in
            total + (0..<w.rows).filter { w[$0, feature] == 0 }.count
        }
    }

    /// Logarithmic bins of |w|: `perDecade` bins in each power of ten from 10^`lowest` to
    /// 10^`highest`, as their lower edges followed by the last upper edge.
    static func edges(lowest: Int, highest: Int, perDecade: Int) -> [Double] {
        precondition(highest > lowest && perDecade >= 1, "need at least one decade and one bin per decade")
        let count = (highest - lowest) * perDecade
        return (0...count).map { pow10(Double(lowest) + Double($0) / Double(perDecade)) }
    }

    /// How many |w| fall in each bin of `edges` (a bin holds its lower edge, the last also its
    /// upper one), with the magnitudes below the first edge — exact zeros among them — and above
    /// the last counted apart.
    static func counts(
        _ weights: [Double], edges: [Double]
    ) -> (bins: [Int], below: Int, above: Int) {
        var bins = [Int](repeating: 0, count: edges.count - 1)
        var below = 0
        var above = 0
        for w in weights {
            let m = abs(w)
            if m < edges[0] {
                below += 1
            } else if m > edges[edges.count - 1] {
                above += 1
            } else {
                // The last edge not above m, found by bisection; m at the top edge joins the last bin.
                var low = 0
                var high = edges.count - 1
                while high - low > 1 {
                    let middle = (low + high) / 2
                    if edges[middle] <= m { low = middle } else { high = middle }
                }
                bins[low] += 1
            }
        }
        return (bins, below, above)
    }

    /// 10^x, exact for whole x in the range used (the bins' edges at whole decades are then exact).
    static func pow10(_ x: Double) -> Double {
        if x == x.rounded(), abs(x) <= 22 {
            var result = 1.0
            for _ in 0..<Int(abs(x)) { result *= 10 }
            return x >= 0 ? result : 1 / result
        }
        return Foundation.pow(10, x)
    }
}

/// Eq. 5.28 — the soft-threshold (proximal) L1 step: first the plain SGD step on C₀,
/// w′ = w − η ∂C₀/∂w, then w → sgn(w′) · max(|w′| − ηλ/n, 0) for every penalized parameter
/// (the weights; biases take the SGD step alone). A weight whose |w′| is at most ηλ/n lands on
/// exactly 0 and stays there until the gradient of C₀ alone pushes it out by more than ηλ/n.
/// Use it with `Regularization.none`: it applies the penalty itself.
struct SoftThresholdSGD: Optimizer {
    var learningRate: Double
    /// λ of Eq. 5.3.
    let lambda: Double
    /// n, the training set's size.
    let trainingCount: Int
    /// Which parameters are penalized, in `Network.parameters` order (`Network.isPenalized`).
    let penalized: [Bool]

    /// ηλ/n, the amount every step takes off a penalized |w|.
    var threshold: Double { learningRate * lambda / Double(trainingCount) }

    mutating func step(_ parameters: inout [Matrix], gradients: [Matrix]) {
        precondition(parameters.count == penalized.count, "\(parameters.count) parameters, \(penalized.count) flags")
        let t = threshold
        for index in parameters.indices {
            parameters[index].addScaled(gradients[index], by: -learningRate)
            guard penalized[index] else { continue }
            parameters[index] = parameters[index].map { w in
                let shrunk = abs(w) - t
                return shrunk > 0 ? (w > 0 ? shrunk : -shrunk) : 0
            }
        }
    }
}
