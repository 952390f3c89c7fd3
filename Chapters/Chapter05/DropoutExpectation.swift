// Inverted dropout keeps the expected activation unchanged (Eq. 5.7): averaging mask ⊙ a over
// many sampled masks should return a, within the sampling error the chapter computes.

import NeuralCore

/// The empirical mean of mask ⊙ a over sampled inverted-dropout masks, with its standard error.
struct DropoutExpectation {
    let activations: [Double]
    let keep: Double
    let samples: Int
    /// (1/N) Σ mask ⊙ a, entry by entry.
    let means: [Double]

    init(activations: [Double], keep: Double, samples: Int, generator: inout SeededGenerator) {
        self.activations = activations
        self.keep = keep
        self.samples = samples
        let a = Matrix(column: activations)
        var sum = Matrix(rows: a.rows, columns: 1)
        for _ in 0..<samples {
            sum += Dropout.mask(like: a, keep: keep, using: &generator) ⊙ a
        }
        means = sum.elements.map { $0 / Double(samples) }
    }

    /// Standard error of each mean: one masked entry is a/p with probability p, else 0, so its
    /// variance is a²(1 − p)/p, and the mean of N draws has a standard error a √((1 − p)/(pN)).
    var standardErrors: [Double] {
        activations.map { abs($0) * ((1 - keep) / (keep * Double(samples))).squareRoot() }
    }

    /// The largest |mean − a| in units of its standard error.
    var largestStandardisedDeviation: Double {
        zip(zip(means, activations), standardErrors).map { pair, error in
            error > 0 ? abs(pair.0 - pair.1) / error : 0
        }.max() ?? 0
    }
}

/// One sampled dropout pattern for a small network: every input and output unit active, each
/// hidden unit kept with probability `keep` (the mask of Eq. 5.7 drawn once per hidden layer).
func sampledDropoutPattern(sizes: [Int], keep: Double, generator: inout SeededGenerator) -> [[Bool]] {
    sizes.enumerated().map { index, size in
        guard index > 0, index < sizes.count - 1 else { return Array(repeating: true, count: size) }
        let mask = Dropout.mask(like: Matrix(rows: size, columns: 1, repeating: 1), keep: keep, using: &generator)
        return mask.elements.map { $0 > 0 }
    }
}
