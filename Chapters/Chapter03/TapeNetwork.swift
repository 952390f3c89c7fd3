// A [2, 3, 2] network with tanh hidden units and a softmax output, built on the scalar tape one
// multiply, sum, tanh, exp and divide at a time, with the log-likelihood cost of one example.
// Its gradients come from `Value.backward()`, independently of the matrix backpropagation.

import NeuralCore

/// The tape version of a two-layer tanh–softmax network on one example.
struct TapeNetwork {
    /// w², b² (tanh layer) and w³, b³ (softmax layer) as tape leaves, named as in the notes.
    let hiddenWeights: [[Value]]
    let hiddenBiases: [Value]
    let outputWeights: [[Value]]
    let outputBiases: [Value]
    /// The hidden weighted inputs z², activations a², output logits z³ and softmax outputs a³.
    let z2: [Value]
    let a2: [Value]
    let z3: [Value]
    let a3: [Value]
    /// C = −ln a³ᵧ for the true class y (Eq. 4.5 of the next chapter, used here as a formula).
    let cost: Value

    /// Builds the tape from a core network of that shape and runs `backward()` from the cost.
    init(_ network: Network, input x: [Double], label: Int) {
        precondition(network.sizes.count == 3, "the tape network has one hidden layer")
        let superscripts = ["²", "³"]
        func leaves(_ layer: DenseLayer, _ l: Int) -> (weights: [[Value]], biases: [Value]) {
            let w = (0..<layer.outputs).map { j in
                (0..<layer.inputs).map { k in
                    Value(layer.weights[j, k], label: "w\(superscripts[l])\(subscripted(j + 1))\(subscripted(k + 1))")
                }
            }
            let b = (0..<layer.outputs).map { j in
                Value(layer.biases[j, 0], label: "b\(superscripts[l])\(subscripted(j + 1))")
            }
            return (w, b)
        }
        let hidden = leaves(network.denseLayers[0], 0)
        let output = leaves(network.denseLayers[1], 1)
        hiddenWeights = hidden.weights
        hiddenBiases = hidden.biases
        outputWeights = output.weights
        outputBiases = output.biases
        let inputs = x.enumerated().map { k, value in Value(value, label: "x\(subscripted(k + 1))") }

        // Eq. 3.1: zˡⱼ = Σₖ wˡⱼₖ aˡ⁻¹ₖ + bˡⱼ, one product node per weight.
        func weighted(_ w: [[Value]], _ b: [Value], _ below: [Value], name: String) -> [Value] {
            w.indices.map { j in
                Value.sum(w[j].indices.map { k in w[j][k] * below[k] } + [b[j]])
                    .named("\(name)\(subscripted(j + 1))")
            }
        }
        z2 = weighted(hidden.weights, hidden.biases, inputs, name: "z²")
        a2 = z2.enumerated().map { j, z in z.tanh().named("a²\(subscripted(j + 1))") }
        z3 = weighted(output.weights, output.biases, a2, name: "z³")
        // Softmax from its parts: eᶻʲ, their sum, and one quotient per output.
        let exponentials = z3.enumerated().map { j, z in z.exp().named("e^z³\(subscripted(j + 1))") }
        let normalizer = Value.sum(exponentials).named("Σ e^z³")
        a3 = exponentials.enumerated().map { j, e in (e / normalizer).named("a³\(subscripted(j + 1))") }
        cost = (-a3[label].log()).named("C")
        cost.backward()
    }

    /// The tape's gradients in the core's parameter order: ∂C/∂w², ∂C/∂b², ∂C/∂w³, ∂C/∂b³.
    var gradients: [Matrix] {
        func grads(_ w: [[Value]]) -> Matrix { Matrix(w.map { $0.map(\.grad) }) }
        return [
            grads(hiddenWeights), Matrix(column: hiddenBiases.map(\.grad)),
            grads(outputWeights), Matrix(column: outputBiases.map(\.grad)),
        ]
    }
}

/// 1 → "₁", 12 → "₁₂".
func subscripted(_ n: Int) -> String {
    let digits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
    return String(String(n).map { digits[Int(String($0))!] })
}
