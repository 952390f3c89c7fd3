// One window of a batch of streams split into shards of streams backpropagated at the same time,
// one per core, each product on one BLAS thread: the streams of a batch never meet (each carries
// its own state), so the window's loss and gradients are the weighted sums of the shards'.

import Foundation

extension SequenceModel {
    /// Full BPTT over one window with its B streams split into consecutive shards, shard s
    /// starting from `initialStates[s]` (its streams' columns of the state; their widths say how
    /// the batch is cut). The loss and every gradient are the shards' weighted by their share of
    /// the loss's divisor, wₛ = (1/N)/(1/Nₛ) = Nₛ/N, where N is B for `.perSequence` and the
    /// number of targets that are not ignored for `.perTarget`:
    ///
    ///     L = Σₛ wₛ Lₛ,   ∂L/∂θ = Σₛ wₛ ∂Lₛ/∂θ
    ///
    /// the same as one pass over the whole batch up to rounding (the sum over streams is added in
    /// another order). Returns the combined result and each shard's final state.
    public func lossAndGradients(
        inputs: [StepInput], targets: [[Int]], initialStates: [[Matrix]]
    ) -> (result: SequenceGradients, finalStates: [[Matrix]]) {
        precondition(!initialStates.isEmpty, "lossAndGradients: at least one shard")
        let widths = initialStates.map { $0.first?.columns ?? 0 }
        let batch = widths.reduce(0, +)
        precondition(
            inputs.allSatisfy { $0.batchSize == batch } && targets.allSatisfy { $0.count == batch },
            "lossAndGradients: the shards' states hold \(batch) streams, the window has \(inputs.first?.batchSize ?? 0)"
        )
        let starts = widths.indices.map { widths[..<$0].reduce(0, +) }
        let ranges = zip(starts, widths).map { $0..<($0 + $1) }
        let model = self
        let parts = ShardSlots<SequenceGradients>(count: ranges.count)
        withSingleThreadedBLAS {
            DispatchQueue.concurrentPerform(iterations: ranges.count) { s in
                let range = ranges[s]
                parts.store(
                    model.lossAndGradients(
                        inputs: inputs.map { $0.streams(range) }, targets: targets.map { Array($0[range]) },
                        initialState: initialStates[s]),
                    at: s)
            }
        }
        let results = parts.values.map { $0! }
        let total = Self.lossScale(targets, normalization: normalization)
        let weights = ranges.map { range in
            total / Self.lossScale(targets.map { Array($0[range]) }, normalization: normalization)
        }
        var gradients = results[0].gradients.map { $0 * weights[0] }
        var loss = weights[0] * results[0].loss
        for s in results.indices.dropFirst() {
            for index in gradients.indices { gradients[index].addScaled(results[s].gradients[index], by: weights[s]) }
            loss += weights[s] * results[s].loss
        }
        let combined = SequenceGradients(
            loss: loss, gradients: gradients, finalState: Matrix.sideBySide(results.map(\.finalState)))
        return (combined, results.map(\.finalState))
    }
}

extension StepInput {
    /// The input of the streams in `range` (columns of a dense input, entries of a one-hot one).
    public func streams(_ range: Range<Int>) -> StepInput {
        switch self {
        case .oneHot(let indices): .oneHot(Array(indices[range]))
        case .dense(let x): .dense(x.columns(Array(range)))
        }
    }
}

extension Matrix {
    /// Each state matrix of the shards put back side by side: the whole batch's state.
    static func sideBySide(_ states: [[Matrix]]) -> [Matrix] {
        states[0].indices.map { index in Matrix(sideBySide: states.map { $0[index] }) }
    }
}
