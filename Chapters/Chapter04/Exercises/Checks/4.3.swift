// Checks of exercise 4.3 (softmax, Eq. 4.4): the example of §4.3, a batch against the core's
// Softmax.apply, and the logits of ±1000 of §4.4 with shift invariance.

import ExerciseKit
import Foundation
import NeuralCore

/// The classic wrong answers for logits z.
func softmaxMistakes(_ z: Matrix) -> [Diagnosis] {
    [
        Diagnosis(
            "you normalised along the rows: Eq. 4.4 divides by Σₖ e^{zₖ} over the classes k of ONE column (one example), not over the examples of a row"
        ) { Softmax.apply(z.transposed).transposed },
        Diagnosis(
            "you divided by the sum over the whole matrix: each column (example) is normalised on its own, Σₖ over its classes k"
        ) {
            let e = z.map { exp($0) }
            return e / e.sum()
        },
        Diagnosis("the exponential is missing: Eq. 4.4 divides e^{zⱼ} by Σₖ e^{zₖ}, not zⱼ by Σₖ zₖ") {
            var a = z
            for column in 0..<z.columns {
                let total = (0..<z.rows).reduce(0) { $0 + z[$1, column] }
                for row in 0..<z.rows { a[row, column] = z[row, column] / total }
            }
            return a
        },
    ]
}

let checks: [Check] = [
    Check("Eq. 4.4 — the example of §4.3: z = (2, 1, 0.1, −1) gives a = (0.6381, 0.2347, 0.0954, 0.0318)") {
        let z = Matrix(column: [2, 1, 0.1, -1])
        let e = z.map { exp($0) }
        try expectClose(try softmax(z), e / e.sum(), "a", tolerance: 1e-12, diagnoses: softmaxMistakes(z))
    },
    Check(
        "Eq. 4.4 — a batch of 6 examples and 5 classes: every column positive, summing to 1, equal to the core's Softmax.apply"
    ) {
        var generator = SeededGenerator(seed: 43)
        let z = Matrix.gaussian(5, 6, standardDeviation: 3, using: &generator)
        try expectClose(try softmax(z), Softmax.apply(z), "a", tolerance: 1e-12, diagnoses: softmaxMistakes(z))
    },
    Check(
        "Eq. 4.4 — logits of ±1000 (§4.4): exactly (1, 0, 0), (⅓, ⅓, ⅓), (½, ½, 0), no NaN; and adding c = −50, 3, 100 to every logit changes nothing"
    ) {
        let z = Matrix([[1000, -1000, 1000], [-1000, -1000, 1000], [0, -1000, -1000]])
        let expected = Matrix([[1, 1.0 / 3, 0.5], [0, 1.0 / 3, 0.5], [0, 1.0 / 3, 0]])
        let extreme = try softmax(z)
        try expectAllFinite(extreme.elements, "a for logits ±1000", hint: shiftHint)
        try expectClose(extreme, expected, "a for logits ±1000", tolerance: 1e-15, diagnoses: softmaxMistakes(z))
        let example = Matrix([[2, 0.5], [1, -3], [0.1, 0], [-1, 4]])
        let a = try softmax(example)
        for c in [-50.0, 3, 100] {
            try expectClose(
                try softmax(example.map { $0 + c }), a, "a after adding \(formatted(c)) to every logit",
                tolerance: 1e-12)
        }
    },
]
