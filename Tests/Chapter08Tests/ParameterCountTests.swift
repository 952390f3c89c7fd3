// The four cells of 8.7 side by side: the parameter count of Eq. 8.20 against the cells' real
// matrices, the ordering the narrative prints, and the long-lag MGU's remembering start (8.4).

import NeuralCore
import TestSupport
import Testing

@testable import Chapter08

@Suite("Chapter 08 — the four cells' parameters, ordering and long-lag start")
struct ParameterCountTests {
    /// The entries of every matrix of a character model over `kind` (cell and read-out).
    static func counted(_ kind: CharacterCell, hidden: Int, vocabulary: Int) -> Int {
        var generator = SeededGenerator(seed: 1)
        let parameters: [Matrix]
        switch kind {
        case .vanilla:
            parameters =
                SequenceModel(
                    cell: VanillaCell(inputSize: vocabulary, hiddenSize: hidden, using: &generator),
                    outputSize: vocabulary, using: &generator
                ).parameters
        case .lstm:
            parameters =
                SequenceModel(
                    cell: LSTMCell(inputSize: vocabulary, hiddenSize: hidden, using: &generator),
                    outputSize: vocabulary, using: &generator
                ).parameters
        case .gru:
            parameters =
                SequenceModel(
                    cell: GRUCell(inputSize: vocabulary, hiddenSize: hidden, using: &generator),
                    outputSize: vocabulary, using: &generator
                ).parameters
        case .mgu:
            parameters =
                SequenceModel(
                    cell: MinimalGatedCell(inputSize: vocabulary, hiddenSize: hidden, using: &generator),
                    outputSize: vocabulary, using: &generator
                ).parameters
        }
        return parameters.reduce(0) { $0 + $1.count }
    }

    @Test(
        "Eq. 8.20 — k·H·(K + H + 1) + K·(H + 1) counts every entry of the vanilla, LSTM, GRU and MGU models",
        arguments: [(1, 1), (3, 5), (7, 2), (16, 40), (100, 138)])
    func formula(hidden: Int, vocabulary: Int) {
        for kind in CharacterCell.allCases {
            #expect(
                kind.parameterCount(hidden: hidden, vocabulary: vocabulary)
                    == Self.counted(kind, hidden: hidden, vocabulary: vocabulary),
                "\(kind.displayName), H = \(hidden), K = \(vocabulary)")
        }
    }

    @Test("Eq. 8.20 — the notes' counts for H = 100, K = 138, and the formula as the table prints it")
    func notesCounts() {
        let counts = CharacterCell.allCases.map { $0.parameterCount(hidden: 100, vocabulary: 138) }
        #expect(counts == [37_838, 109_538, 85_638, 61_738])
        #expect(CharacterCell.allCases.map(\.blocks) == [1, 4, 3, 2])
        #expect(CharacterCell.gru.parameterFormula(hidden: 100, vocabulary: 138) == "3·100·(138 + 100 + 1) + 138·101")
        // Each block more costs H(K + H + 1): the LSTM has 3·100·239 more than the vanilla cell.
        #expect(counts[1] - counts[0] == 3 * 100 * 239)
    }

    @Test("The validation order runs from the lowest loss up and keeps the given order for ties")
    func order() {
        #expect(
            validationOrder([("vanilla", 2.2764), ("LSTM", 1.6091), ("GRU", 1.7), ("MGU", 1.6091)])
                == "LSTM 1.609 < MGU 1.609 < GRU 1.700 < vanilla 2.276")
        #expect(validationOrder([("a", 3)]) == "a 3.000")
    }

    @Test("The long-lag MGU starts with its forget biases at −b and every other parameter as the core draws it")
    func mguStart() {
        var generator = SeededGenerator(seed: 9)
        let cell = minimalGatedCell(inputSize: 5, hiddenSize: 3, forgetBias: -4, using: &generator)
        var reference = SeededGenerator(seed: 9)
        let plain = MinimalGatedCell(inputSize: 5, hiddenSize: 3, using: &reference)
        #expect(cell.parameters[0] == plain.parameters[0] && cell.parameters[1] == plain.parameters[1])
        #expect(cell.parameters[2].elements == [-4, -4, -4] + plain.parameters[2].elements.suffix(3))
        #expect(plain.parameters[2].elements.allSatisfy { $0 == 0 })
        // Both streams are left in the same place: the remaining draws of a run do not move.
        #expect(generator.next() == reference.next())
    }
}
