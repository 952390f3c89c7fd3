// Helpers shared by the checks of Chapter 02: σ and σ′ from the core, the quadratic cost of one
// sigmoid neuron and its gradient written out as oracles (Eq. 2.8–2.9), and the noisy-threshold
// data of §2.4.

import ExerciseKit
import NeuralCore

/// σ(z) from the core (Eq. 2.1).
func σ(_ z: Double) -> Double { Activation.sigmoid.value(z) }

/// σ′(z) from the core (Eq. 2.5).
func σPrime(_ z: Double) -> Double { Activation.sigmoid.derivative(z) }

/// Eq. 2.8 — C(w, b) = (1/2n) Σᵢ (yᵢ − σ(w xᵢ + b))².
func oracleCost(w: Double, b: Double, xs: [Double], ys: [Double]) -> Double {
    var total = 0.0
    for (x, y) in zip(xs, ys) {
        let a = σ(w * x + b)
        total += (y - a) * (y - a)
    }
    return total / (2 * Double(xs.count))
}

/// Eq. 2.9 — (∂C/∂w, ∂C/∂b) = (1/n) Σ (a − y) σ′(z) (x, 1).
func oracleGradient(w: Double, b: Double, xs: [Double], ys: [Double]) -> (w: Double, b: Double) {
    var (dw, db) = (0.0, 0.0)
    for (x, y) in zip(xs, ys) {
        let z = w * x + b
        let delta = (σ(z) - y) * σPrime(z)
        dw += delta * x
        db += delta
    }
    let n = Double(xs.count)
    return (dw / n, db / n)
}

/// Points x ~ U(−3, 3) whose label is 1 with probability σ(1.5x − 1), as in §2.4.
func noisyThreshold(count: Int = 60, seed: UInt64) -> (xs: [Double], ys: [Double]) {
    var generator = SeededGenerator(seed: seed)
    var xs: [Double] = []
    var ys: [Double] = []
    for _ in 0..<count {
        let x = generator.uniform(-3, 3)
        xs.append(x)
        ys.append(generator.bernoulli(σ(1.5 * x - 1)) ? 1 : 0)
    }
    return (xs, ys)
}

/// Values of z on an even grid from `low` to `high`.
func grid(_ low: Double, _ high: Double, count: Int) -> [Double] {
    (0..<count).map { low + (high - low) * Double($0) / Double(count - 1) }
}
