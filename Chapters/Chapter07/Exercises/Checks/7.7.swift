// Checks of exercise 7.7 (Eq. 7.10): exact probabilities for three temperatures, logits of 1000,
// the limits τ → 0 and τ → ∞, and the frequencies of 20,000 seeded draws.

import ExerciseKit
import Foundation
import NeuralCore

/// Eq. 7.10 in exact arithmetic for small logits (the oracle).
func softmaxAt(_ logits: [Double], _ τ: Double) -> [Double] {
    let e = logits.map { exp($0 / τ) }
    let total = e.reduce(0, +)
    return e.map { $0 / total }
}

func temperatureMistakes(_ logits: [Double], _ τ: Double) -> [Diagnosis] {
    [
        Diagnosis("the logits were multiplied by τ: Eq. 7.10 divides them, exp(oᵢ/τ)") {
            Matrix(row: softmaxAt(logits, 1 / τ))
        },
        Diagnosis("τ is missing: that is the plain softmax, Eq. 7.10 with τ = 1") { Matrix(row: softmaxAt(logits, 1)) },
        Diagnosis("the probabilities were raised to τ instead of 1/τ") {
            let p = softmaxAt(logits, 1).map { pow($0, τ) }
            let total = p.reduce(0, +)
            return Matrix(row: p.map { $0 / total })
        },
        Diagnosis("the result is not normalized: divide by Σⱼ exp(oⱼ/τ) so the pᵢ sum to 1 (Eq. 7.10)") {
            Matrix(row: logits.map { exp($0 / τ) })
        },
    ]
}

let checks: [Check] = [
    Check("Eq. 7.10 — logits (1, 2, 3) at τ = 1 (the softmax), τ = 0.5 (sharper) and τ = 2 (flatter)") {
        let logits = [1.0, 2, 3]
        for τ in [1.0, 0.5, 2] {
            try expectClose(
                try temperatureProbabilities(logits: logits, temperature: τ), softmaxAt(logits, τ),
                "p at τ = \(formatted(τ))", diagnoses: temperatureMistakes(logits, τ))
        }
    },
    Check("Eq. 7.10 — logits (1000, 999, 0) at τ = 0.5: finite, p = (1, e⁻², e⁻²⁰⁰⁰)/(1 + e⁻² + e⁻²⁰⁰⁰)") {
        let expected = [1, exp(-2.0), 0].map { $0 / (1 + exp(-2.0)) }
        try expectClose(
            try temperatureProbabilities(logits: [1000, 999, 0], temperature: 0.5), expected, "p at τ = 0.5")
    },
    Check("Eq. 7.10 — τ → 0 tends to the argmax (τ = 0.01), τ → ∞ to the uniform distribution (τ = 10⁶)") {
        let logits = [0.5, 2, -1, 1.5]
        try expectClose(
            try temperatureProbabilities(logits: logits, temperature: 0.01), [0, 1, 0, 0], "p at τ = 0.01",
            tolerance: 1e-12, diagnoses: temperatureMistakes(logits, 0.01))
        try expectClose(
            try temperatureProbabilities(logits: logits, temperature: 1e6), [0.25, 0.25, 0.25, 0.25], "p at τ = 10⁶",
            tolerance: 1e-5, diagnoses: temperatureMistakes(logits, 1e6))
    },
    Check("Eq. 7.10 — 20,000 seeded draws at τ = 0.5, 1, 2: every frequency within 4 standard errors of pᵢ") {
        let logits = [1.0, 0.2, -0.5, 2, 0]
        let draws = 20_000
        for (k, τ) in [0.5, 1, 2].enumerated() {
            let p = TemperatureSampling.probabilities(logits: logits, temperature: τ)
            var generator = SeededGenerator(seed: 770 + UInt64(k))
            var counts = [Int](repeating: 0, count: p.count)
            for _ in 0..<draws {
                let i = try drawIndex(from: p, using: &generator)
                try expect(i >= 0 && i < p.count, "a draw returned index \(i), outside 0..<\(p.count)")
                counts[i] += 1
            }
            let frequencies = counts.map { Double($0) / Double(draws) }
            for i in p.indices {
                let standardError = (p[i] * (1 - p[i]) / Double(draws)).squareRoot()
                guard abs(frequencies[i] - p[i]) > 4 * standardError else { continue }
                let argmax = p.indices.max { p[$0] < p[$1] }!
                var diagnosis: String? = nil
                if counts[argmax] == draws {
                    diagnosis =
                        "every draw returned the most probable index: that is greedy decoding (τ → 0), not a draw"
                } else if p.indices.dropFirst().allSatisfy({ abs(frequencies[$0] - p[$0 - 1]) < 0.02 }) {
                    diagnosis = "the draws are off by one: index i comes out with the probability of index i − 1"
                } else if frequencies.allSatisfy({ abs($0 - 1 / Double(p.count)) < 0.02 }) {
                    diagnosis =
                        "the draws are uniform: they ignore p (return the first i whose cumulative sum exceeds u)"
                }
                throw CheckFailure(
                    [
                        "at τ = \(formatted(τ)) index \(i) came out with frequency \(formatted(frequencies[i])) in "
                            + "\(draws) draws; p\(i) = \(formatted(p[i])) (4 standard errors: ±\(formatted(4 * standardError)))",
                        "frequencies: " + frequencies.map { formatted($0) }.joined(separator: ", "),
                        "          p: " + p.map { formatted($0) }.joined(separator: ", "),
                    ], diagnosis: diagnosis)
            }
        }
    },
    Check(
        "Eq. 7.10 — the hello network of §7.3, trained by the core and sampled with your functions at τ = 0.1 from \"h\", writes \"ello\""
    ) {
        var model = Ch07.network(vocabulary: 4, hidden: 3, seed: 775)
        var optimizer = Adagrad(learningRate: 0.3)
        let inputs = Ch07.helloInputs.map { StepInput.oneHot([$0]) }
        for _ in 0..<300 {
            var result = model.lossAndGradients(inputs: inputs, targets: Ch07.helloTargets.map { [$0] })
            GradientClipping.value(5).apply(to: &result.gradients)
            optimizer.step(&model.parameters, gradients: result.gradients)
        }
        let letters = Array("helo")
        var generator = SeededGenerator(seed: 776)
        var state = model.cell.initialState(batch: 1)
        var current = 0
        var text = ""
        for _ in 0..<4 {
            state = model.cell.step(.oneHot([current]), state: state).state
            let p = try temperatureProbabilities(logits: model.logits(hidden: state[0]).elements, temperature: 0.1)
            current = try drawIndex(from: p, using: &generator)
            try expect(current >= 0 && current < 4, "a draw returned index \(current), outside 0..<4")
            text.append(letters[current])
        }
        try expect(
            text == "ello", "from \"h\" your sampler wrote \"\(text)\"; at τ = 0.1 the trained network writes \"ello\"")
    },
]
