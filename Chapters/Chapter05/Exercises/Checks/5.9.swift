// Checks of exercise 5.9 (the halving schedule, Eq. 5.6): the sequence of the notes' question,
// ties and long plateaus, and random sequences against the core's HalveOnPlateau.

import ExerciseKit
import NeuralCore

/// The schedule with a chosen rule, for the diagnoses.
func halvings(
    _ accuracies: [Double], _ patience: Int, tiesImprove: Bool = false, resetAfterHalving: Bool = true,
    zeroBased: Bool = false
) -> [Int] {
    var best: Double? = nil
    var without = 0
    var result: [Int] = []
    for (index, accuracy) in accuracies.enumerated() {
        if best == nil || accuracy > best! || (tiesImprove && accuracy == best!) {
            best = accuracy
            without = 0
            continue
        }
        without += 1
        if without >= patience {
            result.append(zeroBased ? index : index + 1)
            if resetAfterHalving { without = 0 }
        }
    }
    return result
}

/// Compares two lists of epochs, naming the likely mistake.
func expectHalvings(_ got: [Int], _ accuracies: [Double], _ patience: Int) throws {
    let expected = halvings(accuracies, patience)
    guard got != expected else { return }
    let candidates: [(String, [Int])] = [
        (
            "a tie is not an improvement: the accuracy must be strictly above the best so far (Eq. 5.6 says \"exceeded\")",
            halvings(accuracies, patience, tiesImprove: true)
        ),
        (
            "after a halving the count of epochs without improvement starts again from 0: you halve on every epoch of a long plateau",
            halvings(accuracies, patience, resetAfterHalving: false)
        ),
        ("your epochs are counted from 0; the first epoch is epoch 1", halvings(accuracies, patience, zeroBased: true)),
        (
            "you halve one epoch late: η is halved after the P-th epoch without improvement, not the P + 1-th",
            halvings(accuracies, patience + 1)
        ),
        (
            "you halve one epoch early: η is halved after P epochs without improvement, not P − 1",
            patience > 1 ? halvings(accuracies, patience - 1) : []
        ),
    ]
    throw CheckFailure(
        "expected halvings after epochs \(expected), got \(got) (patience \(patience), accuracies \(accuracies.map(formatted)))",
        diagnosis: candidates.first { $0.1 == got }?.0)
}

let checks: [Check] = [
    Check("Eq. 5.6 — the sequence of the notes' question (P = 3): halvings after epochs 6 and 10") {
        let accuracies = [90.1, 91.0, 91.4, 91.2, 91.4, 91.3, 91.5, 91.5, 91.1, 91.4, 91.6, 91.2]
        try expectHalvings(try halvingEpochs(accuracies: accuracies, patience: 3), accuracies, 3)
    },
    Check(
        "Eq. 5.6 — a long flat plateau and repeated ties (P = 2): halvings after epochs 4, 6 and 10, a tie being no improvement"
    ) {
        let accuracies = [0.5, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.7, 0.7, 0.65, 0.7]
        try expectHalvings(try halvingEpochs(accuracies: accuracies, patience: 2), accuracies, 2)
    },
    Check("Eq. 5.6 — 40 random epochs, P = 1, 3 and 5: the same halvings as the core's HalveOnPlateau") {
        var generator = SeededGenerator(seed: 59)
        for patience in [1, 3, 5] {
            let accuracies = (0..<40).map { epoch in
                ((90 + 0.1 * Double(epoch) + 2 * generator.uniform()) * 2).rounded() / 2
            }
            var core = HalveOnPlateau(learningRate: 1, patience: patience, maximumHalvings: 1000)
            let expected = accuracies.enumerated().compactMap { index, accuracy in
                core.update(validationAccuracy: accuracy).halved ? index + 1 : nil
            }
            let got = try halvingEpochs(accuracies: accuracies, patience: patience)
            try expect(
                expected == halvings(accuracies, patience), "the check's own replay disagrees with HalveOnPlateau")
            try expectHalvings(got, accuracies, patience)
        }
    },
]
