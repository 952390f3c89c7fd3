// A single sigmoid neuron with one input, the quadratic cost over a small dataset, its gradient,
// and gradient descent on (w, b) — the whole of Chapter 02's learning story in one place.

import NeuralCore

/// A sigmoid neuron a = σ(w·x + b) (Eq. 2.1).
struct SigmoidNeuron: Equatable {
    var weights: [Double]
    var bias: Double

    /// z = w·x + b.
    func weightedInput(_ x: [Double]) -> Double {
        var z = bias
        for (w, xj) in zip(weights, x) { z += w * xj }
        return z
    }

    /// a = σ(z).
    func output(_ x: [Double]) -> Double {
        Activation.sigmoid.value(weightedInput(x))
    }

    /// Eq. 2.7 — the first-order change of the output:
    /// Δoutput ≈ Σⱼ (∂output/∂wⱼ) Δwⱼ + (∂output/∂b) Δb, with ∂output/∂wⱼ = σ′(z) xⱼ and ∂output/∂b = σ′(z).
    func linearizedChange(at x: [Double], deltaWeights: [Double], deltaBias: Double) -> Double {
        let slope = Activation.sigmoid.derivative(weightedInput(x))
        var change = slope * deltaBias
        for (dw, xj) in zip(deltaWeights, x) { change += slope * xj * dw }
        return change
    }
}

/// One-input examples (x, y) for the cost-surface experiment.
struct OneInputData {
    var x: [Double]
    var y: [Double]

    /// Points x ~ U(−3, 3) whose label is 1 with probability σ(trueW·x + trueB): the classes
    /// overlap, so the quadratic cost has a finite minimum.
    static func noisyThreshold(count: Int, trueW: Double, trueB: Double, using generator: inout SeededGenerator)
        -> OneInputData
    {
        var x: [Double] = []
        var y: [Double] = []
        for _ in 0..<count {
            let xi = generator.uniform(-3, 3)
            let p = Activation.sigmoid.value(trueW * xi + trueB)
            x.append(xi)
            y.append(generator.bernoulli(p) ? 1 : 0)
        }
        return OneInputData(x: x, y: y)
    }
}

/// The quadratic cost of a one-input sigmoid neuron over a dataset, as a function of (w, b).
struct QuadraticCostSurface {
    var data: OneInputData

    /// Eq. 2.8 — C(w, b) = (1/2n) Σᵢ (yᵢ − σ(w xᵢ + b))².
    func cost(w: Double, b: Double) -> Double {
        var total = 0.0
        for (x, y) in zip(data.x, data.y) {
            let a = Activation.sigmoid.value(w * x + b)
            total += (y - a) * (y - a)
        }
        return total / (2 * Double(data.x.count))
    }

    /// Eq. 2.9 — ∂C/∂w = (1/n) Σ (a − y) σ′(z) x and ∂C/∂b = (1/n) Σ (a − y) σ′(z).
    func gradient(w: Double, b: Double) -> (w: Double, b: Double) {
        var dw = 0.0
        var db = 0.0
        for (x, y) in zip(data.x, data.y) {
            let z = w * x + b
            let a = Activation.sigmoid.value(z)
            let delta = (a - y) * Activation.sigmoid.derivative(z)
            dw += delta * x
            db += delta
        }
        let n = Double(data.x.count)
        return (dw / n, db / n)
    }

    /// Eq. 2.10 — gradient descent v ← v − η∇C from `start`, `steps` times; returns every (w, b).
    func descend(from start: (w: Double, b: Double), eta: Double, steps: Int) -> [(w: Double, b: Double)] {
        var path = [start]
        var (w, b) = start
        for _ in 0..<steps {
            let g = gradient(w: w, b: b)
            w -= eta * g.w
            b -= eta * g.b
            path.append((w, b))
        }
        return path
    }
}
