// Batches of sequences as matrices: B sequences side by side, one column per sequence, so every
// product of a time step is one matrix product for the whole batch (through BLAS).

/// Helpers that turn lists of sequences into per-step inputs and targets.
public enum SequenceBatch {
    /// Transposes B index sequences of equal length T into T one-hot step inputs of B indices each:
    /// step t holds sequences[b][t] for every b.
    public static func stepInputs(_ sequences: [[Int]]) -> [StepInput] {
        stepIndices(sequences).map { .oneHot($0) }
    }

    /// Transposes B index sequences of length T into T lists of B indices (targets[t][b]).
    public static func stepIndices(_ sequences: [[Int]]) -> [[Int]] {
        guard let length = sequences.first?.count else { return [] }
        precondition(
            sequences.allSatisfy { $0.count == length }, "SequenceBatch: sequences of different lengths")
        return (0..<length).map { t in sequences.map { $0[t] } }
    }

    /// Transposes B dense sequences (each T vectors of size n) into T matrices n × B.
    public static func stepMatrices(_ sequences: [[[Double]]]) -> [Matrix] {
        guard let length = sequences.first?.count, let size = sequences.first?.first?.count else { return [] }
        precondition(
            sequences.allSatisfy { $0.count == length && $0.allSatisfy { $0.count == size } },
            "SequenceBatch: dense sequences must all be \(length) steps of \(size) values")
        return (0..<length).map { t in
            Matrix(rows: size, columns: sequences.count) { i, b in sequences[b][t][i] }
        }
    }
}

/// A long index sequence (a text) cut into B parallel streams, read in windows of T steps.
///
/// Stream b is the b-th contiguous slice of the text; window w of a pass feeds characters
/// w·T ..< (w+1)·T of every stream and targets the characters one step later. Consecutive windows
/// continue each stream where the last one stopped, so the final state of one window is the right
/// initial state of the next (truncated BPTT, Eq. 7.7).
public struct SequenceBatches: Sendable {
    public let indices: [Int]
    /// B, the number of parallel streams.
    public let batch: Int
    /// T, the steps per window.
    public let length: Int
    /// Characters per stream (each needs one more for its last target).
    public let streamLength: Int

    public init(indices: [Int], batch: Int, length: Int) {
        precondition(batch >= 1 && length >= 1, "SequenceBatches: batch \(batch) and length \(length) must be ≥ 1")
        precondition(
            indices.count >= batch * length + 1,
            "SequenceBatches: \(indices.count) symbols cannot fill \(batch) streams of \(length) steps (need \(batch * length + 1))"
        )
        self.indices = indices
        self.batch = batch
        self.length = length
        self.streamLength = (indices.count - 1) / batch
    }

    /// Windows in one pass over the text.
    public var windowsPerPass: Int { streamLength / length }

    /// Window `number` (taken modulo a pass): T step inputs of B indices and the T × B targets.
    public func window(_ number: Int) -> (inputs: [StepInput], targets: [[Int]]) {
        let w = number % windowsPerPass
        var inputs: [StepInput] = []
        var targets: [[Int]] = []
        inputs.reserveCapacity(length)
        targets.reserveCapacity(length)
        for t in 0..<length {
            var x = [Int](repeating: 0, count: batch)
            var y = [Int](repeating: 0, count: batch)
            for b in 0..<batch {
                let position = b * streamLength + w * length + t
                x[b] = indices[position]
                y[b] = indices[position + 1]
            }
            inputs.append(.oneHot(x))
            targets.append(y)
        }
        return (inputs, targets)
    }

    /// Whether window `number` starts a new pass (its state should start from zero).
    public func startsPass(_ number: Int) -> Bool { number % windowsPerPass == 0 }
}
