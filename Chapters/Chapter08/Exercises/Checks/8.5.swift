// Checks of exercise 8.5: the two numbers of the table of §8.7, then the core's cells and sequence
// model for several sizes.

import ExerciseKit
import NeuralCore

/// The classic miscounts, for one configuration.
func countMistakes(_ kind: CellKind, inputs: Int, hidden: Int, outputs: Int) -> [(explanation: String, wrong: Int)] {
    let blocks = kind == .vanilla ? 1 : kind == .lstm ? 4 : 3
    let perBlock = hidden * inputs + hidden * hidden + hidden
    let readout = outputs * hidden + outputs
    var mistakes: [(String, Int)] = [
        (
            "the biases are not counted: every block has b (hidden) and the output layer has c (outputs)",
            blocks * (hidden * inputs + hidden * hidden) + outputs * hidden
        ),
        ("the output layer V, c of Eq. 7.2 is not counted (outputs × hidden + outputs)", blocks * perBlock),
        (
            "W was counted as hidden × inputs: the recurrent weights read hₜ₋₁, so W is hidden × hidden per block",
            blocks * (2 * hidden * inputs + hidden) + readout
        ),
    ]
    if kind == .lstm {
        mistakes.append(("the LSTM has four blocks (f, i, o and the candidate g), not three", 3 * perBlock + readout))
        mistakes.append(
            ("the gate blocks are missing: U, W and b of the LSTM are 4H rows tall (Eq. 8.1)", perBlock + readout))
    }
    if kind == .gru {
        mistakes.append(
            ("the GRU has three blocks (z, r and the candidate n), not two or four", 4 * perBlock + readout))
        mistakes.append(("the gate blocks are missing: U, W and b of the GRU are 3H rows tall", perBlock + readout))
    }
    return mistakes
}

func expectCount(_ kind: CellKind, inputs: Int, hidden: Int, outputs: Int, expected: Int, name: String) throws {
    try expectEqual(
        try parameterCount(kind, inputs: inputs, hidden: hidden, outputs: outputs), expected, name,
        diagnoses: countMistakes(kind, inputs: inputs, hidden: hidden, outputs: outputs))
}

let checks: [Check] = [
    Check("Eq. 7.1, Eq. 7.2 — the vanilla character model of §8.7 (138 characters, hidden 100) has 37,838 parameters") {
        try expectCount(
            .vanilla, inputs: 138, hidden: 100, outputs: 138, expected: 37_838, name: "the vanilla model's count")
    },
    Check("Eq. 8.1 — the LSTM character model of §8.7 (138 characters, hidden 100) has 109,538 parameters") {
        try expectCount(
            .lstm, inputs: 138, hidden: 100, outputs: 138, expected: 109_538, name: "the LSTM model's count")
    },
    Check("Eq. 7.1, 8.1, 8.8 — every cell at inputs 7, hidden 5, outputs 3 has as many numbers as the core's model") {
        var generator = SeededGenerator(seed: 851)
        let size = { (parameters: [Matrix]) in parameters.reduce(0) { $0 + $1.count } }
        let vanilla = SequenceModel(
            cell: VanillaCell(inputSize: 7, hiddenSize: 5, using: &generator), outputSize: 3, using: &generator)
        let lstm = SequenceModel(
            cell: LSTMCell(inputSize: 7, hiddenSize: 5, using: &generator), outputSize: 3, using: &generator)
        let gru = SequenceModel(
            cell: GRUCell(inputSize: 7, hiddenSize: 5, using: &generator), outputSize: 3, using: &generator)
        try expectCount(.vanilla, inputs: 7, hidden: 5, outputs: 3, expected: size(vanilla.parameters), name: "vanilla")
        try expectCount(.lstm, inputs: 7, hidden: 5, outputs: 3, expected: size(lstm.parameters), name: "LSTM")
        try expectCount(.gru, inputs: 7, hidden: 5, outputs: 3, expected: size(gru.parameters), name: "GRU")
    },
    Check("Eq. 8.8 — the GRU character model of the same size: as many numbers as the core's, 3/4 of the LSTM's cell") {
        var generator = SeededGenerator(seed: 852)
        let gru = SequenceModel(
            cell: GRUCell(inputSize: 138, hiddenSize: 100, using: &generator), outputSize: 138, using: &generator)
        try expectCount(
            .gru, inputs: 138, hidden: 100, outputs: 138, expected: gru.parameters.reduce(0) { $0 + $1.count },
            name: "the GRU model's count")
    },
]
