// What the checks of Chapter 03's exercises share: the worked example of §3.1, seeded random
// networks, and the oracles, written index by index so they share no code with the learner's.

import ExerciseKit
import NeuralCore

/// The [2, 3, 2] sigmoid network of §3.1, its input and its target.
enum WorkedNetwork {
    static let weights = [
        Matrix([[0.1, -0.4], [0.7, 0.2], [-0.3, 0.5]]), Matrix([[0.6, -0.5, 0.2], [-0.1, 0.4, 0.8]]),
    ]
    static let biases = [Matrix(column: [0.2, -0.2, 0.3]), Matrix(column: [-0.3, 0.2])]
    static let input = Matrix(column: [1.0, 0.5])
    static let target = Matrix(column: [1, 0])
}

/// A sigmoid network with weights and biases drawn from N(0, 1), and a batch of m examples.
struct RandomProblem {
    var weights: [Matrix]
    var biases: [Matrix]
    var x: Matrix
    var y: Matrix

    init(sizes: [Int], batch m: Int, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        weights = zip(sizes.dropFirst(), sizes).map { Matrix.gaussian($0, $1, using: &generator) }
        biases = sizes.dropFirst().map { Matrix.gaussian($0, 1, using: &generator) }
        x = Matrix.gaussian(sizes[0], m, using: &generator)
        y = Matrix.uniform(sizes[sizes.count - 1], m, low: 0, high: 1, using: &generator)
    }
}

/// Eq. 3.1 one number at a time: zˡⱼ = Σₖ wˡⱼₖ aˡ⁻¹ₖ + bˡⱼ, aˡⱼ = σ(zˡⱼ), for every column.
func loopForward(weights: [Matrix], biases: [Matrix], x: Matrix, hiddenSigma: Bool = true, bias: Bool = true)
    -> (zs: [Matrix], activations: [Matrix])
{
    var activations = [x]
    var zs: [Matrix] = []
    for l in weights.indices {
        let w = weights[l]
        let below = activations[l]
        let z = Matrix(rows: w.rows, columns: below.columns) { j, column in
            var sum = bias ? biases[l][j, 0] : 0
            for k in 0..<w.columns { sum += w[j, k] * below[k, column] }
            return sum
        }
        zs.append(z)
        let last = l == weights.count - 1
        activations.append(hiddenSigma || last ? z.map(Activation.sigmoid.value) : z)
    }
    return (zs, activations)
}

/// The quadratic cost averaged over the batch, C = (1/m) Σₓ ½‖y(x) − aᴸ(x)‖² (Eq. 3.2, 3.7).
func meanQuadraticCost(weights: [Matrix], biases: [Matrix], x: Matrix, y: Matrix) -> Double {
    let d = loopForward(weights: weights, biases: biases, x: x).activations.last! - y
    return 0.5 * d.dot(d) / Double(x.columns)
}

/// Central differences of the mean cost in every weight and every bias.
func numericGradients(weights: [Matrix], biases: [Matrix], x: Matrix, y: Matrix) -> (
    weights: [Matrix], biases: [Matrix]
) {
    let w = weights.indices.map { l in
        GradientCheck.numericGradient(
            of: { m in
                var changed = weights
                changed[l] = m
                return meanQuadraticCost(weights: changed, biases: biases, x: x, y: y)
            }, at: weights[l])
    }
    let b = biases.indices.map { l in
        GradientCheck.numericGradient(
            of: { m in
                var changed = biases
                changed[l] = m
                return meanQuadraticCost(weights: weights, biases: changed, x: x, y: y)
            }, at: biases[l])
    }
    return (w, b)
}

/// The ways backpropagation classically goes wrong, to name the one a learner's answer matches.
enum BackpropSlip: CaseIterable {
    case none, noSigmaPrimeInBP2, noSigmaPrimeInBP1, noAverage, deltaFromActivation

    var explanation: String {
        switch self {
        case .none: "correct"
        case .noSigmaPrimeInBP2: "BP2 without σ′(zˡ): δˡ = ((wˡ⁺¹)ᵀδˡ⁺¹) ⊙ σ′(zˡ) (Eq. 3.4)"
        case .noSigmaPrimeInBP1: "BP1 without σ′(zᴸ): δᴸ = (aᴸ − y) ⊙ σ′(zᴸ) (Eq. 3.3)"
        case .noAverage: "the gradients are summed over the batch, not averaged: the 1/m of Eq. 3.7 is missing"
        case .deltaFromActivation: "σ′ was applied to aˡ instead of zˡ"
        }
    }
}

/// Backpropagation by loops over examples (one column at a time), with an optional slip.
func loopBackprop(weights: [Matrix], biases: [Matrix], x: Matrix, y: Matrix, slip: BackpropSlip = .none) -> (
    weights: [Matrix], biases: [Matrix]
) {
    var gw = weights.map { Matrix.zeros($0.rows, $0.columns) }
    var gb = biases.map { Matrix.zeros($0.rows, 1) }
    let m = x.columns
    for column in 0..<m {
        let pass = loopForward(weights: weights, biases: biases, x: x.columns([column]))
        let top = weights.count - 1
        let derivative: (Int) -> Matrix = { l in
            slip == .deltaFromActivation
                ? Activation.sigmoid.derivative(pass.activations[l + 1])
                : Activation.sigmoid.derivative(pass.zs[l])
        }
        var delta = pass.activations[top + 1] - y.columns([column])
        if slip != .noSigmaPrimeInBP1 { delta = delta ⊙ derivative(top) }
        for l in stride(from: top, through: 0, by: -1) {
            let scale = slip == .noAverage ? 1.0 : 1.0 / Double(m)
            gw[l].addScaled(delta * pass.activations[l].transposed, by: scale)
            gb[l].addScaled(delta, by: scale)
            if l > 0 {
                delta = weights[l].transposed * delta
                if slip != .noSigmaPrimeInBP2 { delta = delta ⊙ derivative(l - 1) }
            }
        }
    }
    return (gw, gb)
}

/// Diagnoses for one gradient matrix: the slips' versions of that same matrix.
func slipDiagnoses(
    weights: [Matrix], biases: [Matrix], x: Matrix, y: Matrix,
    pick: @escaping @Sendable ((weights: [Matrix], biases: [Matrix])) -> Matrix
) -> [Diagnosis] {
    BackpropSlip.allCases.filter { $0 != .none }.map { slip in
        Diagnosis(slip.explanation) { pick(loopBackprop(weights: weights, biases: biases, x: x, y: y, slip: slip)) }
    }
}
