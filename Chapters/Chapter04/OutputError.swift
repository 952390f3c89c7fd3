// The output error δᴸ = ∂C/∂zᴸ computed three ways, for checking Eq. 4.6, and the textbook
// softmax without the shift, to show what the stable form in the core avoids.

import Foundation
import NeuralCore

/// δᴸ for one pairing of output activation and cost, three ways.
struct OutputErrorForms {
    /// Eq. 4.6 — the shortcut δᴸ = aᴸ − y.
    var shortcut: Matrix
    /// The general chain rule, BP1: ∇ₐC pushed back through the activation (its Jacobian for softmax).
    var chainRule: Matrix
    /// Central differences of the cost in every zᴸⱼ.
    var numeric: Matrix

    init(cost: any Cost, activation: Activation, z: Matrix, target y: Matrix) {
        let a = activation.value(z)
        shortcut = a - y
        chainRule = activation.backward(z: z, a: a, upstream: cost.gradient(output: a, target: y))
        numeric = GradientCheck.numericGradient(
            of: { zz in cost.cost(z: zz, output: activation.value(zz), target: y, activation: activation) }, at: z)
    }

    /// The largest entry-wise |difference| between the shortcut and the other two.
    var largestDisagreement: Double {
        var worst = 0.0
        for index in shortcut.elements.indices {
            worst = max(
                worst, abs(shortcut.elements[index] - chainRule.elements[index]),
                abs(shortcut.elements[index] - numeric.elements[index]))
        }
        return worst
    }
}

/// Softmax exactly as Eq. 4.4 is written, e^{zⱼ} / Σₖ e^{zₖ}, with no shift: overflows for large z.
func textbookSoftmax(_ z: [Double]) -> [Double] {
    let exponentials = z.map { exp($0) }
    let total = exponentials.reduce(0, +)
    return exponentials.map { $0 / total }
}

/// The softmax Jacobian ∂aⱼ/∂zₖ = aⱼ(𝟙[j = k] − aₖ) of one column z.
func softmaxJacobian(_ z: [Double]) -> [[Double]] {
    let a = Softmax.apply(Matrix(column: z)).elements
    return a.indices.map { j in a.indices.map { k in a[j] * ((j == k ? 1 : 0) - a[k]) } }
}

/// The same Jacobian by central differences.
func numericSoftmaxJacobian(_ z: [Double]) -> [[Double]] {
    z.indices.map { j in
        GradientCheck.numericGradient(of: { Softmax.apply(Matrix(column: $0)).elements[j] }, at: z)
    }
}
