// Checks of exercise 2.7 (Eq. 2.9–2.10): the first steps by hand, 300 steps that drive the output
// from 0.82 to 0.09, a cost that falls at every step, the learning slowdown from the saturated
// start w = b = 2, and the core's Network trained by SGD on the same example.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check("Eq. 2.9–2.10 — three steps from w = 0.6, b = 0.9 (x = 1, y = 0, η = 0.15), the start included") {
        let path = try trainNeuron(w: 0.6, b: 0.9, x: 1, y: 0, eta: 0.15, steps: 3)
        try expectEqual(
            path.count, 4, "the number of points on the path (the start, then one per step)",
            diagnoses: [
                ("the path must begin with the starting point (w, b), then one point per step", 3),
                ("the loop runs one step too many: steps + 1 points in all, the start first", 5),
            ])
        let expected = oraclePath(w: 0.6, b: 0.9, x: 1, y: 0, eta: 0.15, steps: 3)
        try expectClose(
            Matrix(row: path.flatMap { [$0.w, $0.b] }), Matrix(row: expected.flatMap { [$0.w, $0.b] }),
            "(w₀, b₀, w₁, b₁, w₂, b₂, w₃, b₃)", diagnoses: pathMistakes(w: 0.6, b: 0.9, x: 1, y: 0, eta: 0.15, steps: 3)
        )
    },
    Check("Eq. 2.10 — 300 steps drive the output σ(w + b) from 0.82 down to 0.094, towards y = 0") {
        let path = try trainNeuron(w: 0.6, b: 0.9, x: 1, y: 0, eta: 0.15, steps: 300)
        try expectEqual(path.count, 301, "the number of points on the path")
        let last = path[300]
        let expected = oraclePath(w: 0.6, b: 0.9, x: 1, y: 0, eta: 0.15, steps: 300)[300]
        try expectClose(
            σ(last.w + last.b), σ(expected.w + expected.b), "the output after 300 steps", tolerance: 1e-9,
            diagnoses: pathMistakes(w: 0.6, b: 0.9, x: 1, y: 0, eta: 0.15, steps: 300))
    },
    Check(
        "Eq. 2.11 — with η = 0.15 the cost ½(y − a)² falls at every one of 300 steps, from a start at x = −1.5, y = 1"
    ) {
        let path = try trainNeuron(w: 0.8, b: 0.3, x: -1.5, y: 1, eta: 0.15, steps: 300)
        try expectEqual(path.count, 301, "the number of points on the path")
        let costs = path.map { 0.5 * (1 - σ(-1.5 * $0.w + $0.b)) * (1 - σ(-1.5 * $0.w + $0.b)) }
        let rises = costs.indices.dropFirst().filter { costs[$0] >= costs[$0 - 1] }
        try expect(
            rises.isEmpty,
            "the cost did not fall at step \(rises.first ?? 0): \(formatted(costs[max(0, (rises.first ?? 1) - 1)])) → "
                + "\(formatted(costs[rises.first ?? 0])) (\(rises.count) of 300 steps did not lower it)",
            diagnosis: costs[300] > costs[0]
                ? "the cost rose overall: the step must go against the gradient, −η∇C" : nil)
    },
    Check(
        "Eq. 2.9 — the learning slowdown of §2.4: from the saturated start w = b = 2 the output falls 70 times less in 50 steps"
    ) {
        let good = try trainNeuron(w: 0.6, b: 0.9, x: 1, y: 0, eta: 0.15, steps: 50)
        let saturated = try trainNeuron(w: 2, b: 2, x: 1, y: 0, eta: 0.15, steps: 50)
        try expectEqual(good.count, 51, "the number of points on a path of 50 steps")
        try expectEqual(saturated.count, 51, "the number of points on a path of 50 steps")
        let output = { (point: (w: Double, b: Double)) in σ(point.w + point.b) }
        let drops = [output(good[0]) - output(good[50]), output(saturated[0]) - output(saturated[50])]
        let oracleGood = oraclePath(w: 0.6, b: 0.9, x: 1, y: 0, eta: 0.15, steps: 50)
        let oracleSaturated = oraclePath(w: 2, b: 2, x: 1, y: 0, eta: 0.15, steps: 50)
        let plain = oraclePath(w: 0.6, b: 0.9, x: 1, y: 0, eta: 0.15, steps: 50, sigmaPrime: false)
        let plainSaturated = oraclePath(w: 2, b: 2, x: 1, y: 0, eta: 0.15, steps: 50, sigmaPrime: false)
        let plainDrops = Matrix(row: [
            output(plain[0]) - output(plain[50]), output(plainSaturated[0]) - output(plainSaturated[50]),
        ])
        // The drops are 0.4306 and 0.0061: σ′(4) ≈ 0.018 against σ′(1.5) ≈ 0.149 at the start.
        try expectClose(
            drops,
            [output(oracleGood[0]) - output(oracleGood[50]), output(oracleSaturated[0]) - output(oracleSaturated[50])],
            "(fall of the output from (0.6, 0.9), from (2, 2))", tolerance: 1e-9,
            diagnoses: [
                Diagnosis("both starts fall alike: without σ′(z) in Eq. 2.9 there is no slowdown, check ∂C/∂w") {
                    plainDrops
                }
            ])
    },
    Check("Eq. 2.10 — the same path as the core's Network (one dense sigmoid unit) trained by SGD on (x, y) = (1, 0)") {
        let path = try trainNeuron(w: -0.4, b: 1.1, x: 1, y: 0, eta: 0.5, steps: 100)
        try expectEqual(path.count, 101, "the number of points on the path")
        var network = Network(layers: [
            DenseLayer(weights: Matrix([[-0.4]]), biases: Matrix([[1.1]]), activation: .sigmoid)
        ])
        var sgd = SGD(learningRate: 0.5)
        var generator = SeededGenerator(seed: 0)
        var core = [(w: -0.4, b: 1.1)]
        for _ in 0..<100 {
            let result = network.backpropagate(
                Matrix([[1]]), Matrix([[0]]), cost: QuadraticCost(), generator: &generator)
            network.updateParameters { sgd.step(&$0, gradients: result.gradients) }
            core.append((network.parameters[0][0, 0], network.parameters[1][0, 0]))
        }
        try expectClose(
            Matrix(row: path.flatMap { [$0.w, $0.b] }), Matrix(row: core.flatMap { [$0.w, $0.b] }),
            "the path (w₀, b₀, w₁, b₁, …)",
            tolerance: 1e-9, diagnoses: pathMistakes(w: -0.4, b: 1.1, x: 1, y: 0, eta: 0.5, steps: 100))
    },
]

/// Eq. 2.9–2.10 on one example, the start first (optionally without σ′, a classic mistake).
func oraclePath(w: Double, b: Double, x: Double, y: Double, eta: Double, steps: Int, sigmaPrime: Bool = true)
    -> [(w: Double, b: Double)]
{
    var path = [(w: w, b: b)]
    var (w, b) = (w, b)
    for _ in 0..<steps {
        let z = w * x + b
        let delta = (σ(z) - y) * (sigmaPrime ? σPrime(z) : 1)
        w -= eta * delta * x
        b -= eta * delta
        path.append((w, b))
    }
    return path
}

/// The classic wrong paths, flattened as (w₀, b₀, w₁, b₁, …); for a single output, the last one's.
func pathMistakes(w: Double, b: Double, x: Double, y: Double, eta: Double, steps: Int) -> [Diagnosis] {
    var flipped = [(w: w, b: b)]
    var stale = [(w: w, b: b)]
    var (fw, fb, sw, sb) = (w, b, w, b)
    for _ in 0..<steps {
        let z = fw * x + fb
        let delta = (σ(z) - y) * σPrime(z)
        fw += eta * delta * x
        fb += eta * delta
        flipped.append((fw, fb))
        // b updated with the gradient at the new w.
        let zs = sw * x + sb
        sw -= eta * (σ(zs) - y) * σPrime(zs) * x
        let zNew = sw * x + sb
        sb -= eta * (σ(zNew) - y) * σPrime(zNew)
        stale.append((sw, sb))
    }
    let plain = oraclePath(w: w, b: b, x: x, y: y, eta: eta, steps: steps, sigmaPrime: false)
    let candidates: [(String, [(w: Double, b: Double)])] = [
        ("σ′(z) is missing: Eq. 2.9 has (a − y) σ′(z)", plain),
        ("the sign is flipped: Eq. 2.10 subtracts η ∂C/∂w", flipped),
        ("b was updated with the gradient at the new w: compute both partial derivatives before moving", stale),
    ]
    let single = steps >= 300
    return candidates.map { explanation, path in
        let row =
            single ? Matrix(row: [σ(path[steps].w * x + path[steps].b)]) : Matrix(row: path.flatMap { [$0.w, $0.b] })
        return Diagnosis(explanation) { row }
    }
}
