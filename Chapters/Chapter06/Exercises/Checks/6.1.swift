// Checks of exercise 6.1 (Eq. 6.3, the output size): the chapter's network, the 227/11/4 example,
// padding and strides, and a count of the window's positions on random geometries.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check("Eq. 6.3 — the chapter's network: 28 → 24 (F = 5), pooled to 12, 12 → 8, pooled to 4") {
        // (input, kernel, padding, stride): two 5×5 convolutions, each followed by 2×2 pooling.
        for (w, f, p, s, expected) in [(28, 5, 0, 1, 24), (24, 2, 0, 2, 12), (12, 5, 0, 1, 8), (8, 2, 0, 2, 4)] {
            try expectEqual(
                try outputSize(input: w, kernel: f, padding: p, stride: s), expected,
                "W_out [W = \(w), F = \(f), P = \(p), S = \(s)]", diagnoses: sizeMistakes(w, f, p, s))
        }
    },
    Check("Eq. 6.3 — a 227×227 input with an 11×11 kernel, stride 4, no padding gives 55×55") {
        try expectEqual(
            try outputSize(input: 227, kernel: 11, padding: 0, stride: 4), 55,
            "W_out [W = 227, F = 11, P = 0, S = 4]", diagnoses: sizeMistakes(227, 11, 0, 4))
    },
    Check("Eq. 6.3 — padding and strides: P = (F − 1)/2 keeps the size, S = 2 halves it, the division rounds down") {
        let cases: [(Int, Int, Int, Int, Int)] = [
            (28, 5, 2, 1, 28),  // "same" convolution, P = (5 − 1)/2
            (12, 3, 1, 1, 12),  // "same" again
            (28, 3, 1, 2, 14),  // stride 2 halves the size
            (7, 3, 0, 2, 3),  // (7 − 3)/2 + 1 = 3, exact
            (8, 3, 0, 2, 3),  // (8 − 3)/2 = 2.5 rounds down: the last step does not fit
            (5, 3, 1, 3, 2),  // (5 − 3 + 2)/3 = 1.33 rounds down
            (224, 7, 3, 2, 112),
        ]
        for (w, f, p, s, expected) in cases {
            try expectEqual(
                try outputSize(input: w, kernel: f, padding: p, stride: s), expected,
                "W_out [W = \(w), F = \(f), P = \(p), S = \(s)]", diagnoses: sizeMistakes(w, f, p, s))
        }
    },
    Check("Eq. 6.3 — equals the number of positions where the window fits, on 200 random geometries") {
        var generator = SeededGenerator(seed: 61)
        for _ in 0..<200 {
            let w = 1 + Int(generator.uniform(0, 40))
            let p = Int(generator.uniform(0, 4))
            let f = 1 + Int(generator.uniform(0, Double(min(w + 2 * p, 12))))
            let s = 1 + Int(generator.uniform(0, 5))
            // Slide the window over the padded input, one position at a time, and count.
            var positions = 0
            var start = 0
            while start + f <= w + 2 * p {
                positions += 1
                start += s
            }
            try expectEqual(
                try outputSize(input: w, kernel: f, padding: p, stride: s), positions,
                "W_out [W = \(w), F = \(f), P = \(p), S = \(s)]", diagnoses: sizeMistakes(w, f, p, s))
            try expectEqual(
                ConvolutionGeometry.outputSize(input: w, kernel: f, padding: p, stride: s), positions,
                "the core's W_out [W = \(w), F = \(f), P = \(p), S = \(s)]")
        }
    },
]

/// The classic wrong answers to Eq. 6.3, computed from the same sizes.
func sizeMistakes(_ w: Int, _ f: Int, _ p: Int, _ s: Int) -> [(explanation: String, wrong: Int)] {
    let ceiling = (w - f + 2 * p + s - 1) / s + 1
    return [
        ("the + 1 of Eq. 6.3 is missing: the first position of the window counts too", (w - f + 2 * p) / s),
        ("the padding is counted on one side only: Eq. 6.3 adds 2P, P zeros on each side", (w - f + p) / s + 1),
        (
            "the padding is subtracted: zeros around the input make room for more positions (+ 2P)",
            (w - f - 2 * p) / s + 1
        ),
        ("the stride is missing: Eq. 6.3 divides W − F + 2P by S", w - f + 2 * p + 1),
        ("the division rounds up: a last step that does not fit is dropped, so (W − F + 2P)/S rounds down", ceiling),
        ("the kernel is not subtracted: the window must fit inside the padded input (− F)", (w + 2 * p) / s + 1),
    ]
}
