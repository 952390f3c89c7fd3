// Helpers shared by the checks of Chapter 01: truth tables, case-by-case comparison of 0/1
// outputs, and an oracle perceptron (Eq. 1.1, 1.3) the checks compare the learner's code with.

import ExerciseKit
import NeuralCore

/// The four inputs of a two-input truth table, in the notes' order 00, 01, 10, 11.
let truthTableRows: [(Int, Int)] = [(0, 0), (0, 1), (1, 0), (1, 1)]

/// The rows as the messages show them.
let truthTableCases = ["x = (0, 0)", "x = (0, 1)", "x = (1, 0)", "x = (1, 1)"]

/// The name of the two-input Boolean function with this truth table (rows 00, 01, 10, 11), if it has one.
func gateName(_ table: [Int]) -> String? {
    let known: [(String, [Int])] = [
        ("AND", [0, 0, 0, 1]), ("OR", [0, 1, 1, 1]), ("NAND", [1, 1, 1, 0]), ("NOR", [1, 0, 0, 0]),
        ("XOR", [0, 1, 1, 0]), ("XNOR", [1, 0, 0, 1]), ("the constant 0", [0, 0, 0, 0]),
        ("the constant 1", [1, 1, 1, 1]), ("x₁ alone", [0, 0, 1, 1]), ("x₂ alone", [0, 1, 0, 1]),
        ("NOT x₁", [1, 1, 0, 0]), ("NOT x₂", [1, 0, 1, 0]),
    ]
    return known.first { $0.1 == table }?.0
}

/// Compares 0/1 answers case by case: names the first wrong case and, when the whole list equals a
/// known wrong answer, the likely mistake.
func expectOutputs(
    _ got: [Int], _ expected: [Int], cases: [String], _ name: String,
    diagnoses: [(explanation: String, wrong: [Int])] = []
) throws {
    guard got.count == expected.count else {
        throw CheckFailure("expected \(expected.count) values of \(name), got \(got.count)")
    }
    guard let first = got.indices.first(where: { got[$0] != expected[$0] }) else { return }
    let wrong = got.indices.filter { got[$0] != expected[$0] }.count
    var lines = ["for \(cases[first]) expected \(name) = \(expected[first]), got \(got[first])"]
    if wrong > 1 { lines.append("(\(wrong) of the \(got.count) cases are wrong)") }
    let diagnosis = diagnoses.first { $0.wrong == got }?.explanation
    throw CheckFailure(lines, diagnosis: diagnosis)
}

/// The weighted input z = w · x + b.
func oracleWeightedInput(_ weights: [Double], _ bias: Double, _ x: [Double]) -> Double {
    var z = bias
    for (w, xj) in zip(weights, x) { z += w * xj }
    return z
}

/// Eq. 1.1 — 1 if w · x + b > 0, else 0.
func oracleOutput(_ weights: [Double], _ bias: Double, _ x: [Double]) -> Int {
    oracleWeightedInput(weights, bias, x) > 0 ? 1 : 0
}

/// What the perceptron rule did over a dataset.
struct OracleTraining: Equatable {
    var weights: [Double]
    var bias: Double
    var mistakesPerEpoch: [Int]
    var updates: Int { mistakesPerEpoch.reduce(0, +) }
}

/// The ways the rule can be run: the right one, and the classic wrong ones the checks recognise.
enum RuleVariant {
    /// Eq. 1.3, example after example.
    case rule
    /// The bias is never updated.
    case biasFrozen
    /// ŷ − y instead of y − ŷ.
    case signFlipped
    /// Every output of a pass computed with the weights from the start of the pass.
    case staleWeights
}

/// One pass of the perceptron rule (Eq. 1.3) over the examples in order.
func oraclePass(
    weights: [Double], bias: Double, points: [[Double]], labels: [Int], eta: Double,
    variant: RuleVariant = .rule
) -> (weights: [Double], bias: Double, mistakes: Int) {
    var (w, b) = (weights, bias)
    let start = (weights, bias)
    var mistakes = 0
    for (x, y) in zip(points, labels) {
        let yHat = variant == .staleWeights ? oracleOutput(start.0, start.1, x) : oracleOutput(w, b, x)
        var error = Double(y - yHat)
        guard error != 0 else { continue }
        mistakes += 1
        if variant == .signFlipped { error = -error }
        for j in w.indices { w[j] += eta * error * x[j] }
        if variant != .biasFrozen { b += eta * error }
    }
    return (w, b, mistakes)
}

/// Passes of the rule from w = 0, b = 0 until one makes no mistake (or `maxEpochs` have run).
func oracleTraining(
    points: [[Double]], labels: [Int], eta: Double = 1, maxEpochs: Int, variant: RuleVariant = .rule
) -> OracleTraining {
    var w = Array(repeating: 0.0, count: points.first?.count ?? 0)
    var b = 0.0
    var mistakes: [Int] = []
    for _ in 0..<maxEpochs {
        let pass = oraclePass(weights: w, bias: b, points: points, labels: labels, eta: eta, variant: variant)
        (w, b) = (pass.weights, pass.bias)
        mistakes.append(pass.mistakes)
        if pass.mistakes == 0 { break }
    }
    return OracleTraining(weights: w, bias: b, mistakesPerEpoch: mistakes)
}

/// Novikoff's quantities (Eq. 1.4) for a separator (w*, b*): R = max ‖(x, 1)‖ and
/// γ = min yᵢ± (w*, b*) · (xᵢ, 1) / ‖(w*, b*)‖.
func oracleNovikoff(points: [[Double]], labels: [Int], weights: [Double], bias: Double) -> (
    radius: Double, margin: Double
) {
    let augmented = weights + [bias]
    let norm = augmented.reduce(0) { $0 + $1 * $1 }.squareRoot()
    var radius = 0.0
    var margin = Double.infinity
    for (x, label) in zip(points, labels) {
        let xt = x + [1]
        radius = max(radius, xt.reduce(0) { $0 + $1 * $1 }.squareRoot())
        let sign = label == 1 ? 1.0 : -1.0
        margin = min(margin, sign * zip(augmented, xt).reduce(0) { $0 + $1.0 * $1.1 } / norm)
    }
    return (radius, margin)
}

/// A vector as the notes write it: (1, 0.5, −2).
func vectorText(_ v: [Double]) -> String {
    "(" + v.map { formatted($0) }.joined(separator: ", ") + ")"
}

/// The NAND perceptron of Eq. 1.2, counting how often it is used.
final class CountingNAND {
    var calls = 0
    func callAsFunction(_ a: Int, _ b: Int) -> Int {
        calls += 1
        return oracleOutput([-2, -2], 3, [Double(a), Double(b)])
    }
}
