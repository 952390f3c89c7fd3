// Sections 4.3–4.4 of Chapter 04: the softmax layer and its properties, the log-likelihood
// cost, the output error δᴸ = aᴸ − y of both pairings, and stability at extreme logits.

import ChapterRunner
import Foundation
import NeuralCore

/// The example logits of sections 4.3–4.4.
let exampleLogits: [Double] = [2.0, 1.0, 0.1, -1.0]

/// "[0.6381, 0.2347]", with NaN spelled out rather than printed as "-nan".
func list(_ values: [Double], decimals: Int = 4) -> String {
    "[" + values.map { $0.isNaN ? "NaN" : formatted($0, decimals: decimals) }.joined(separator: ", ") + "]"
}

/// 4.3 — Eq. 4.4 and its properties, checked on numbers.
func softmaxProperties(_ session: ChapterSession) throws {
    session.say(
        """
        A softmax output layer replaces σ by aⱼ = e^{zⱼ} / Σₖ e^{zₖ} (Eq. 4.4). The exponentials \
        are positive and are divided by their total, so the outputs are positive and sum to one: \
        a probability distribution over the classes. For z = \(list(exampleLogits, decimals: 1)):
        """)
    let z = exampleLogits
    let a = Softmax.apply(Matrix(column: z)).elements
    let total = a.reduce(0, +)
    session.show(
        "a = \(list(a))   Σ a = \(formatted(total, decimals: 15))   min a = \(formatted(a.min()!, decimals: 4))")

    let shifts: [Double] = [-50, 3, 100]
    var worstShift = 0.0
    for c in shifts {
        let shifted = Softmax.apply(Matrix(column: z.map { $0 + c })).elements
        let difference = zip(shifted, a).map { abs($0 - $1) }.max()!
        worstShift = max(worstShift, difference)
        session.show(
            "z \(c < 0 ? "−" : "+") \(formatted(abs(c), decimals: 0)) → a = \(list(shifted))   max |Δa| = \(formatted(difference, significant: 2))"
        )
    }
    session.say(
        """
        Adding the same constant c to every zⱼ multiplies numerator and denominator by e^c: \
        nothing changes (the largest change above is \(formatted(worstShift, significant: 2)), \
        rounding). Only differences between logits matter — which is also how the core computes \
        softmax stably, by subtracting the largest zⱼ first.
        """)

    var raised = z
    raised[0] += 1
    let aRaised = Softmax.apply(Matrix(column: raised)).elements
    session.show("z₁ + 1 → a = \(list(aRaised))   (was \(list(a)))")
    let jacobian = softmaxJacobian(z)
    let numeric = numericSoftmaxJacobian(z)
    var jacobianError = 0.0
    for j in z.indices {
        for k in z.indices { jacobianError = max(jacobianError, abs(jacobian[j][k] - numeric[j][k])) }
    }
    session.say(
        """
        Raising z₁ by 1 raised a₁ from \(formatted(a[0], decimals: 4)) to \(formatted(aRaised[0], decimals: 4)) \
        and lowered every other output. In general ∂aⱼ/∂zₖ = aⱼ(𝟙[j = k] − aₖ): positive on the \
        diagonal (aⱼ grows with its own zⱼ) and negative off it (it shrinks as any other logit \
        grows). The Jacobian at z, by that formula (central differences agree to \
        \(formatted(jacobianError, significant: 2))):
        """)
    session.table(
        ["∂aⱼ/∂zₖ"] + z.indices.map { "k = \($0 + 1)" },
        jacobian.enumerated().map { j, row in ["j = \(j + 1)"] + row.map { formatted($0, decimals: 4) } })
    let diagonalPositive = z.indices.allSatisfy { jacobian[$0][$0] > 0 }
    let offDiagonalNegative = z.indices.allSatisfy { j in z.indices.allSatisfy { k in j == k || jacobian[j][k] < 0 } }
    session.show(
        "diagonal all positive: \(diagonalPositive)   off-diagonal all negative: \(offDiagonalNegative)")
    session.say(
        """
        Dividing every logit by a temperature T > 0 before the softmax keeps the order of the outputs \
        but sharpens them (T < 1, towards the one-hot of the largest logit) or flattens them (T > 1, \
        towards uniform); the figure softmax-outputs.png shows both effects.
        """)
    session.record(
        "softmax.sum", .number(total),
        summary: "softmax of \(list(z, decimals: 1)) sums to \(formatted(total, decimals: 15))")
    session.record("softmax.shiftInvariance.maxChange", .number(worstShift))
    session.record("softmax.jacobian.maxErrorAgainstCentralDifferences", .number(jacobianError))
    try session.writeFile("softmax-outputs.png") { url in
        try SoftmaxFigures.outputs(to: url, metadata: session.metadata(title: "Softmax outputs"))
    }
}

/// 4.4 — Eq. 4.5, Eq. 4.6 for both pairings, and logits of ±1000.
func logLikelihood(_ session: ChapterSession) {
    let a = Softmax.apply(Matrix(column: exampleLogits)).elements
    session.say(
        """
        With softmax outputs the natural cost of an example of class y is C = −ln a_y (Eq. 4.5): \
        near 0 when the network gives the right class a probability near 1, large when it is \
        confidently wrong. For the outputs of section 4.3:
        """)
    session.table(
        ["true class y", "a_y", "C = −ln a_y"],
        a.indices.map { ["\($0 + 1)", formatted(a[$0], decimals: 4), formatted(-log(a[$0]), decimals: 4)] })

    session.say(
        """
        Both good pairings give the same output error: δᴸ = ∂C/∂zᴸ = aᴸ − y (Eq. 4.6) — sigmoid \
        outputs with cross-entropy, and softmax outputs with log-likelihood. Checked on random \
        logits (4 outputs, 3 examples) against the general chain rule δᴸ = (∂a/∂z)ᵀ ∇ₐC and \
        against central differences of the cost in zᴸ:
        """)
    var generator = session.generator.fork()
    let z = Matrix.gaussian(4, 3, standardDeviation: 2, using: &generator)
    let y = Matrix.oneHot([0, 2, 3], classes: 4)
    let pairings: [(name: String, cost: any Cost, activation: Activation)] = [
        ("sigmoid + cross-entropy", CrossEntropyCost(), .sigmoid),
        ("softmax + log-likelihood", LogLikelihoodCost(), .softmax),
        ("sigmoid + quadratic", QuadraticCost(), .sigmoid),
    ]
    var rows: [[String]] = []
    for pairing in pairings {
        let forms = OutputErrorForms(cost: pairing.cost, activation: pairing.activation, z: z, target: y)
        let chainVersusNumeric = zip(forms.chainRule.elements, forms.numeric.elements).map { abs($0 - $1) }.max()!
        rows.append([
            pairing.name, formatted(forms.largestDisagreement, significant: 2),
            formatted(chainVersusNumeric, significant: 2),
        ])
        let key = pairing.name.replacingOccurrences(of: " + ", with: "+").replacingOccurrences(of: " ", with: "-")
        session.record("outputError.\(key).shortcutDisagreement", .number(forms.largestDisagreement))
    }
    session.table(["pairing", "max |(aᴸ − y) − other forms|", "max |chain rule − central diff.|"], rows)
    session.say(
        """
        For the first two pairings aᴸ − y agrees with both general forms to rounding and \
        central-difference error; for the quadratic cost it does not — there δᴸ = (aᴸ − y) ⊙ σ′(zᴸ), \
        and the σ′ factor is what slows learning down.
        """)

    session.say(
        """
        Stability. Computed as written, e^{1000} overflows to ∞ and ∞/∞ is NaN. The core \
        subtracts the largest logit first and takes logarithms by log-sum-exp, so extreme logits \
        give exact answers:
        """)
    let extremes: [[Double]] = [[1000, -1000, 0], [-1000, -1000, -1000], [1000, 1000, -1000]]
    var stableRows: [[String]] = []
    var allFinite = true
    for logits in extremes {
        let stable = Softmax.apply(Matrix(column: logits)).elements
        let costs = logits.indices.map {
            LogLikelihoodCost().cost(
                z: Matrix(column: logits), output: Matrix(column: stable), target: Matrix.oneHot([$0], classes: 3),
                activation: .softmax)
        }
        allFinite = allFinite && (stable + costs).allSatisfy(\.isFinite)
        stableRows.append([
            list(logits, decimals: 0), list(textbookSoftmax(logits), decimals: 2), list(stable, decimals: 2),
            list(costs, decimals: 4),
        ])
    }
    session.table(["z", "e^z / Σ e^z as written", "stable softmax", "C = −ln a_y for y = 1, 2, 3"], stableRows)
    let sigmoidExtreme = CrossEntropyCost().cost(
        z: Matrix(row: [-1000, 1000]), output: Matrix(row: [0, 1]), target: Matrix(row: [1, 1]), activation: .sigmoid)
    session.show(
        "sigmoid + cross-entropy, z = −1000 and 1000 with y = 1: C = \(formatted(sigmoidExtreme, decimals: 4)) (exact: 1000)"
    )
    session.say(
        """
        Every stable value is finite\(allFinite ? "" : " — NOT: check the core"); a wrong answer with \
        logit margin 1000 costs 1000 (up to ln 2 when two logits tie), the exact value of −ln a_y.
        """)
    session.record(
        "stability.allFinite", .bool(allFinite),
        summary: "softmax and log-likelihood at logits ±1000: \(allFinite ? "finite and exact" : "NOT finite")")
    session.record("stability.sigmoidCrossEntropyAtMinus1000", .number(sigmoidExtreme))
}
