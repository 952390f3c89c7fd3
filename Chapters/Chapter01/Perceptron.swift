// The perceptron: a weighted sum and a threshold, and Rosenblatt's learning rule.

import NeuralCore

/// A perceptron with weights w and bias b (threshold −b).
struct Perceptron: Equatable {
    var weights: [Double]
    var bias: Double

    /// The weighted input z = w·x + b.
    func weightedInput(_ x: [Double]) -> Double {
        precondition(x.count == weights.count, "perceptron has \(weights.count) weights, input has \(x.count)")
        var z = bias
        for (w, xj) in zip(weights, x) { z += w * xj }
        return z
    }

    /// Eq. 1.1 — output = 1 if w·x + b > 0, else 0.
    func output(_ x: [Double]) -> Int {
        Int(Activation.step.value(weightedInput(x)))
    }

    /// Eq. 1.3 — the perceptron rule for one example: w ← w + η(y − ŷ)x, b ← b + η(y − ŷ).
    /// - Returns: whether the example was misclassified (and the weights changed).
    @discardableResult
    mutating func learn(_ x: [Double], label y: Int, eta: Double = 1) -> Bool {
        let error = Double(y - output(x))
        guard error != 0 else { return false }
        for j in weights.indices { weights[j] += eta * error * x[j] }
        bias += eta * error
        return true
    }

    /// Mistakes on a whole dataset.
    func mistakes(on data: PointDataset) -> Int {
        (0..<data.count).filter { output(data.point($0)) != data.labels[$0] }.count
    }
}

/// What happened while the perceptron rule ran over a dataset, pass after pass.
struct PerceptronTraining {
    /// The perceptron after each update (index 0 is the starting point).
    var snapshots: [Perceptron]
    /// Mistakes (= updates) made during each pass over the data.
    var mistakesPerEpoch: [Int]
    /// Whether some pass made no mistake (the data is then classified perfectly).
    var converged: Bool

    /// Total number of updates, the k of Novikoff's bound.
    var updates: Int { snapshots.count - 1 }
    var final: Perceptron { snapshots[snapshots.count - 1] }
}

extension Perceptron {
    /// Runs the perceptron rule (Eq. 1.3) from zero weights, visiting examples in a fixed order,
    /// until a pass makes no mistake or `maxEpochs` passes have run.
    static func train(on data: PointDataset, eta: Double = 1, maxEpochs: Int) -> PerceptronTraining {
        var perceptron = Perceptron(weights: Array(repeating: 0, count: data.inputs.rows), bias: 0)
        var snapshots = [perceptron]
        var mistakesPerEpoch: [Int] = []
        for _ in 0..<maxEpochs {
            var mistakes = 0
            for i in 0..<data.count where perceptron.learn(data.point(i), label: data.labels[i], eta: eta) {
                mistakes += 1
                snapshots.append(perceptron)
            }
            mistakesPerEpoch.append(mistakes)
            if mistakes == 0 {
                return PerceptronTraining(snapshots: snapshots, mistakesPerEpoch: mistakesPerEpoch, converged: true)
            }
        }
        return PerceptronTraining(snapshots: snapshots, mistakesPerEpoch: mistakesPerEpoch, converged: false)
    }
}
