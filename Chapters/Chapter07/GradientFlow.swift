// Section 7.5's experiment: how the gradient of the last step's loss shrinks or grows on its way
// back through time, for recurrent weights of spectral radius below, at and above 1.

import Foundation
import NeuralCore

enum GradientFlow {
    /// Hidden units, vocabulary and length of the experiment.
    static let hidden = 32
    static let vocabulary = 8
    static let steps = 60
    static let radii = [0.8, 1.0, 1.2]
    /// The scale of the input weights U: small, so that the state stays where tanh is nearly linear.
    static let inputScale = 0.05

    /// A random orthogonal matrix (Gram–Schmidt on a Gaussian matrix): every eigenvalue has modulus 1,
    /// so ρ·Q has spectral radius exactly ρ, and ‖(ρQ)ᵀ v‖ = ρ‖v‖ for every v.
    static func orthogonal(_ n: Int, using generator: inout SeededGenerator) -> Matrix {
        var columns: [[Double]] = []
        while columns.count < n {
            var v = (0..<n).map { _ in generator.gaussian() }
            for q in columns {
                let projection = zip(v, q).map { $0 * $1 }.reduce(0, +)
                for i in 0..<n { v[i] -= projection * q[i] }
            }
            let length = v.map { $0 * $0 }.reduce(0, +).squareRoot()
            guard length > 1e-8 else { continue }
            columns.append(v.map { $0 / length })
        }
        return Matrix(rows: n, columns: n) { i, j in columns[j][i] }
    }

    /// A vanilla network whose W is `radius` times an orthogonal matrix.
    static func network(radius: Double, using generator: inout SeededGenerator) -> SequenceModel<VanillaCell> {
        let u = Matrix.gaussian(hidden, vocabulary, standardDeviation: inputScale, using: &generator)
        let w = orthogonal(hidden, using: &generator) * radius
        let cell = VanillaCell(inputWeights: u, recurrentWeights: w, biases: Matrix(rows: hidden, columns: 1))
        return SequenceModel(cell: cell, outputSize: vocabulary, scale: 0.5, using: &generator)
    }

    /// Random inputs x₁…x_T and a target for the last step only.
    static func sequence(using generator: inout SeededGenerator) -> (inputs: [Int], target: Int) {
        ((0..<steps).map { _ in generator.integer(below: vocabulary) }, generator.integer(below: vocabulary))
    }

    /// ‖∂L_T/∂hₜ‖ for t = 1…T (index t − 1), where L_T = −log ŷ_T[y] is the last step's loss:
    /// Eq. 7.5 with only the last step's output error, run back by the cell's backward step.
    static func gradientNorms(_ model: SequenceModel<VanillaCell>, inputs: [Int], target: Int) -> [Double] {
        let pass = model.forward(inputs.map { .oneHot([$0]) })
        var dHidden = lastStepGradient(model, pass: pass, target: target)
        var norms = [Double](repeating: 0, count: inputs.count)
        var gradients = model.cell.zeroGradients()
        for t in stride(from: inputs.count - 1, through: 0, by: -1) {
            norms[t] = dHidden.norm()
            // ∂L_T/∂hₜ₋₁ = Wᵀ (∂L_T/∂hₜ ⊙ (1 − hₜ²))
            dHidden = model.cell.backwardStep([dHidden], cache: pass.caches[t], gradients: &gradients).dPreviousState[0]
        }
        return norms
    }

    /// ∂L_T/∂h_T = Vᵀ(ŷ_T − 1_y).
    static func lastStepGradient(
        _ model: SequenceModel<VanillaCell>, pass: SequenceModel<VanillaCell>.Forward, target: Int
    )
        -> Matrix
    {
        var outputError = pass.probabilities(at: pass.steps - 1)
        outputError[target, 0] -= 1
        return Matrix.product(model.outputWeights, outputError, transposeA: true)
    }

    /// Eq. 7.11: ∂h_T/∂hₜ = ∏ₖ₌ₜ₊₁…T diag(1 − hₖ²) W, the product of the step Jacobians (steps are
    /// 1-based: hₜ is `pass.hidden(at: t − 1)`, h₀ for t = 0).
    static func jacobianProduct(
        _ model: SequenceModel<VanillaCell>, pass: SequenceModel<VanillaCell>.Forward, from t: Int
    )
        -> Matrix
    {
        var product = Matrix.identity(model.cell.hiddenSize)
        for k in stride(from: pass.steps, to: t, by: -1) {
            product = product * model.cell.hiddenJacobian(pass.caches[k - 1])
        }
        return product
    }

    /// The fraction of hidden activations with |h| > 0.9 over the whole sequence (tanh′ < 0.19).
    static func saturation(_ model: SequenceModel<VanillaCell>, inputs: [Int]) -> Double {
        let pass = model.forward(inputs.map { .oneHot([$0]) })
        let values = pass.hidden.elements
        return Double(values.filter { abs($0) > 0.9 }.count) / Double(values.count)
    }
}
