// Sections 3.1–3.3 of Chapter 03: the notation and the forward pass of the worked example, the
// four fundamental equations with their numbers and their finite-difference checks, and the
// per-example loop against the mini-batch as one matrix.

import ChapterRunner
import NeuralCore

/// "(0.1234, −0.5678)".
func vector(_ values: [Double], decimals: Int = 4) -> String {
    "(" + values.map { formatted($0, decimals: decimals) }.joined(separator: ", ") + ")"
}

/// "exactly" for a zero difference, else "to within 2.8e-17".
func agreement(_ difference: Double) -> String {
    difference == 0 ? "exactly (difference 0)" : "to within \(formatted(difference, significant: 2))"
}

/// The largest relative error between analytic and central-difference numbers.
func worstError(_ analytic: [Double], _ numeric: [Double]) -> Double {
    GradientCheck.compare(analytic: analytic, numeric: numeric).maxRelativeError
}

/// 3.1 — wˡⱼₖ, bˡⱼ, zˡ and aˡ on the worked example (Eq. 3.1–3.2).
func notationAndForwardPass(_ session: ChapterSession) {
    session.say(
        """
        wˡⱼₖ is the weight from neuron k of layer l − 1 to neuron j of layer l; bˡⱼ is the bias of \
        neuron j of layer l. Layer by layer, zˡ = wˡaˡ⁻¹ + bˡ and aˡ = σ(zˡ) (Eq. 3.1), starting from \
        a¹ = x. For one example the quadratic cost is Cₓ = ½‖y − aᴸ‖², and over n examples \
        C = (1/2n) Σₓ ‖y(x) − aᴸ(x)‖² (Eq. 3.2). The worked example is a [2, 3, 2] sigmoid network:
        """)
    let e = WorkedExample.self
    session.show(
        "w² = \(e.hiddenWeights.map { vector($0, decimals: 1) }.joined(separator: " "))   b² = \(vector(e.hiddenBiases, decimals: 1))"
    )
    session.show(
        "w³ = \(e.outputWeights.map { vector($0, decimals: 1) }.joined(separator: " "))   b³ = \(vector(e.outputBiases, decimals: 1))"
    )
    session.show("x = \(vector(e.input, decimals: 1)),  y = \(vector(e.target, decimals: 0))")
    let net = e.components
    let (zs, activations) = net.forward(e.input)
    let cost = net.cost(e.input, e.target)
    session.show("z² = \(vector(zs[0]))   a² = σ(z²) = \(vector(activations[1]))")
    session.show("z³ = \(vector(zs[1]))   a³ = σ(z³) = \(vector(activations[2]))")
    session.show("C = ½‖y − a³‖² = \(formatted(cost, decimals: 6))")
    let core = e.network.feedforward(Matrix(column: e.input)).column(0)
    let difference = zip(core, activations[2]).map { abs($0 - $1) }.max()!
    session.say(
        "The core's matrix forward pass gives a³ = \(vector(core)), equal to the component form \(agreement(difference))."
    )
    session.record("worked.cost", .number(cost), summary: "worked example: C = \(formatted(cost, decimals: 6))")
    session.record("worked.output", .array(activations[2].map { .number($0) }))
}

/// 3.2 — BP1–BP4 (Eq. 3.3–3.6) printed on the worked example and checked against central
/// differences; one step of Eq. 3.7.
func fundamentalEquations(_ session: ChapterSession) {
    let e = WorkedExample.self
    let net = e.components
    let (x, y) = (e.input, e.target)
    let (zs, activations) = net.forward(x)
    let deltas = net.deltas(x, y)
    session.say(
        """
        δˡⱼ = ∂C/∂zˡⱼ is the error of neuron j in layer l. BP1 (Eq. 3.3) starts at the output: \
        δᴸ = ∇ₐC ⊙ σ′(zᴸ), and for the quadratic cost ∇ₐC = aᴸ − y. Each δ is checked against a \
        central difference of C with respect to z itself, (C(z + h) − C(z − h))/2h, h = 10⁻⁵.
        """)
    let gradientA = zip(activations[2], y).map { $0 - $1 }
    let sigmaPrime3 = zs[1].map(Activation.sigmoid.derivative)
    let numeric3 = GradientCheck.numericGradient(
        of: { net.cost(weightedInput: $0, layer: 1, target: y) }, at: zs[1])
    session.show("∇ₐC = a³ − y = \(vector(gradientA, decimals: 6))   σ′(z³) = \(vector(sigmaPrime3, decimals: 6))")
    session.show("BP1  δ³ = \(vector(deltas[1], decimals: 6))   central differences: \(vector(numeric3, decimals: 6))")
    let error1 = worstError(deltas[1], numeric3)

    session.say(
        """
        BP2 (Eq. 3.4) moves the error one layer down: δˡ = ((wˡ⁺¹)ᵀδˡ⁺¹) ⊙ σ′(zˡ). The transposed \
        weights carry each output error back along the connections it came through; σ′ scales it by \
        how sensitive each hidden neuron was.
        """)
    let backwards = zs[0].indices.map { j in (0..<2).reduce(0.0) { $0 + e.outputWeights[$1][j] * deltas[1][$1] } }
    let numeric2 = GradientCheck.numericGradient(
        of: { net.cost(weightedInput: $0, layer: 0, target: y) }, at: zs[0])
    session.show(
        "(w³)ᵀδ³ = \(vector(backwards, decimals: 6))   σ′(z²) = \(vector(zs[0].map(Activation.sigmoid.derivative), decimals: 6))"
    )
    session.show("BP2  δ² = \(vector(deltas[0], decimals: 6))   central differences: \(vector(numeric2, decimals: 6))")
    let error2 = worstError(deltas[0], numeric2)

    session.say(
        """
        BP3 (Eq. 3.5): ∂C/∂bˡⱼ = δˡⱼ — a bias enters zˡⱼ with coefficient 1. BP4 (Eq. 3.6): \
        ∂C/∂wˡⱼₖ = aˡ⁻¹ₖ δˡⱼ — activation in times error out. Central differences of C with respect to \
        each of the 17 parameters:
        """)
    let db = net.biasGradients(x, y)
    let dw = net.weightGradients(x, y)
    var numericB: [[Double]] = []
    var numericW: [[[Double]]] = []
    for i in 0..<2 {
        numericB.append(
            GradientCheck.numericGradient(
                of: { b in
                    var moved = net
                    moved.biases[i] = b
                    return moved.cost(x, y)
                }, at: net.biases[i]))
        numericW.append(
            net.weights[i].indices.map { j in
                GradientCheck.numericGradient(
                    of: { row in
                        var moved = net
                        moved.weights[i][j] = row
                        return moved.cost(x, y)
                    }, at: net.weights[i][j])
            })
    }
    var rows: [[String]] = []
    for i in 0..<2 {
        let l = i + 2
        for j in db[i].indices {
            rows.append([
                "b\(l == 2 ? "²" : "³")\(IndexNotation.subscripted(j + 1))", formatted(db[i][j], decimals: 7),
                formatted(numericB[i][j], decimals: 7),
                "BP3: δ\(l == 2 ? "²" : "³")\(IndexNotation.subscripted(j + 1))",
            ])
        }
    }
    for j in dw[1].indices {
        for k in dw[1][j].indices {
            rows.append([
                "w³\(IndexNotation.subscripted(j + 1))\(IndexNotation.subscripted(k + 1))",
                formatted(dw[1][j][k], decimals: 7),
                formatted(numericW[1][j][k], decimals: 7),
                "BP4: a²\(IndexNotation.subscripted(k + 1)) δ³\(IndexNotation.subscripted(j + 1)) = \(formatted(activations[1][k], decimals: 4)) × \(formatted(deltas[1][j], decimals: 4))",
            ])
        }
    }
    session.table(["parameter", "backprop", "central difference", "equation"], rows)
    let error3 = worstError(db.flatMap { $0 }, numericB.flatMap { $0 })
    let error4 = worstError(dw.flatMap { $0.flatMap { $0 } }, numericW.flatMap { $0.flatMap { $0 } })
    session.say("(The six w² gradients are checked the same way; the table shows the output layer's.)")

    // The same gradients from the core's matrix backpropagation.
    var generator = session.generator.fork()
    let core = e.network.backpropagate(
        Matrix(column: x), Matrix(column: y), cost: QuadraticCost(), generator: &generator)
    let componentOrder = [
        Matrix(dw[0]), Matrix(column: db[0]), Matrix(dw[1]), Matrix(column: db[1]),
    ]
    let coreDifference = zip(core.gradients, componentOrder).map { ($0 - $1).maxAbs() }.max()!
    session.table(
        ["equation", "largest relative error vs central differences"],
        [
            ["Eq. 3.3  BP1  δ³", formatted(error1, significant: 2)],
            ["Eq. 3.4  BP2  δ²", formatted(error2, significant: 2)],
            ["Eq. 3.5  BP3  ∂C/∂b", formatted(error3, significant: 2)],
            ["Eq. 3.6  BP4  ∂C/∂w", formatted(error4, significant: 2)],
        ])
    let worst = [error1, error2, error3, error4].max()!
    session.say(
        """
        All four agree with central differences to \(formatted(worst, significant: 2)) in relative \
        error, about what a central difference with h = 10⁻⁵ can resolve. The core's matrix version \
        (Network.backpropagate) gives the same 17 numbers \(agreement(coreDifference)).
        """)
    session.record(
        "bp.maxRelativeError", .number(worst),
        summary: "BP1–BP4 on the worked example match central differences to \(formatted(worst, significant: 2))")
    session.record("bp.coreDifference", .number(coreDifference))
    session.record("worked.delta3", .array(deltas[1].map { .number($0) }))
    session.record("worked.delta2", .array(deltas[0].map { .number($0) }))

    let eta = 0.5
    let after = net.step(x, y, learningRate: eta).cost(x, y)
    let before = net.cost(x, y)
    let squaredNorm = (db.flatMap { $0 } + dw.flatMap { $0.flatMap { $0 } }).reduce(0) { $0 + $1 * $1 }
    session.say(
        """
        With the gradient in hand, stochastic gradient descent moves every weight and bias by \
        −(η/m) Σₓ ∂Cₓ/∂w (Eq. 3.7). One step with η = \(formatted(eta, decimals: 1)) on this single example \
        takes C from \(formatted(before, decimals: 6)) to \(formatted(after, decimals: 6)) \
        (Eq. 2.11 predicted a change of −η‖∇C‖² = \(formatted(-eta * squaredNorm, decimals: 6)); \
        the actual change is \(formatted(after - before, decimals: 6))).
        """)
    session.record(
        "worked.costAfterStep", .number(after),
        summary:
            "one SGD step (η = \(eta)) takes C from \(formatted(before, decimals: 6)) to \(formatted(after, decimals: 6))"
    )
}

/// 3.3 — the per-example loop and the mini-batch as one matrix give the same gradient.
func loopVersusMatrix(_ session: ChapterSession) {
    var generator = session.generator.fork()
    let sizes = [784, 30, 10]
    let m = 10
    let network = Network(sizes: sizes, using: &generator)
    let x = Matrix.uniform(sizes[0], m, low: 0, high: 1, using: &generator)
    let labels = (0..<m).map { _ in generator.integer(below: sizes[2]) }
    let y = Matrix(rows: sizes[2], columns: m) { row, column in row == labels[column] ? 1 : 0 }
    session.say(
        """
        The notes write the gradient of a mini-batch as an average over its examples: backpropagate \
        each x, then (1/m) Σₓ ∂Cₓ/∂w (the sum in Eq. 3.7). Stacking the m examples as the columns of \
        one matrix X turns every step into a matrix product: Zˡ = wˡAˡ⁻¹ + bˡ, Δˡ = ((wˡ⁺¹)ᵀΔˡ⁺¹) ⊙ \
        σ′(Zˡ), ∂C/∂wˡ = (1/m) Δˡ(Aˡ⁻¹)ᵀ, ∂C/∂bˡ = (1/m) Δˡ·1. For a random [784, 30, 10] network \
        and a mini-batch of \(m) random inputs:
        """)
    let loop = network.backpropagatePerExample(x, y, cost: QuadraticCost())
    let matrix = network.backpropagate(x, y, cost: QuadraticCost(), generator: &generator).gradients
    let names = ["∂C/∂w²", "∂C/∂b²", "∂C/∂w³", "∂C/∂b³"]
    let rows = zip(names, zip(loop, matrix)).map { name, pair in
        [
            name, pair.1.shapeDescription, formatted(pair.1.maxAbs(), significant: 4),
            formatted((pair.0 - pair.1).maxAbs(), significant: 2),
        ]
    }
    session.table(["gradient", "shape", "largest |entry|", "max |loop − matrix|"], rows)
    let difference = zip(loop, matrix).map { ($0 - $1).maxAbs() }.max()!
    session.say(
        """
        The two agree \(agreement(difference)): the same sums, added in a \
        different order. The matrix form does m examples in one BLAS call per layer, which is why \
        the training loop uses it.
        """)
    session.record(
        "loopVersusMatrix.maxDifference", .number(difference),
        summary: "per-example loop = mini-batch matrix to \(formatted(difference, significant: 2))")
}
