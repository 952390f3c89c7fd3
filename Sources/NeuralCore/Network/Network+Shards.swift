// Backpropagation of one mini-batch split into shards that run at the same time, one per core:
// the same mathematics as one pass over the whole batch (the gradient of a mean is the weighted
// mean of the parts' gradients), with both cores busy for all of it (im2col, pooling and the
// element-wise work as well as the products), not only inside the matrix products.

import Foundation

extension Network {
    /// The caches of every shard, reused from one mini-batch to the next: one `Workspace` per
    /// shard, each used by one thread at a time.
    public final class ShardWorkspaces: @unchecked Sendable {
        // Shard s uses only slot s (its own object; the array itself is never changed), and
        // `DispatchQueue.concurrentPerform` returns only after every shard is done.
        fileprivate let slots: [Slot]

        fileprivate final class Slot {
            var workspace: Workspace
            init(_ workspace: Workspace) { self.workspace = workspace }
        }

        public init(network: Network, shards: Int) {
            precondition(shards >= 1, "at least one shard, got \(shards)")
            slots = (0..<shards).map { _ in Slot(network.makeWorkspace()) }
        }

        /// How many shards these workspaces are for.
        public var count: Int { slots.count }
    }

    /// The sizes of `shards` consecutive parts of a mini-batch of m: as equal as possible, the
    /// larger ones first, none empty (fewer parts when m < shards).
    public static func shardSizes(batch m: Int, shards: Int) -> [Int] {
        precondition(m >= 1 && shards >= 1, "shards of a batch of \(m) into \(shards) parts")
        let parts = min(m, shards)
        return (0..<parts).map { m / parts + ($0 < m % parts ? 1 : 0) }
    }

    /// Eq. 6.17 — Eq. 3.7 with the mini-batch split into shards: the examples at `indices` are cut into
    /// `workspaces.count` consecutive parts S₁, S₂, … of sizes mₛ (`shardSizes`), each part is
    /// backpropagated on its own thread (every product on one BLAS thread, so the numbers do not
    /// depend on how many cores the machine has), and the parts are put back together:
    ///
    ///     ∂C/∂θ = (1/m) Σₓ ∂Cₓ/∂θ = Σₛ (mₛ/m) · (1/mₛ) Σ_{x∈Sₛ} ∂Cₓ/∂θ
    ///
    /// The gradients are the same as `backpropagate` on the whole batch up to rounding (the sum
    /// over the batch is added in a different order); the summed cost is the parts' sum, and each
    /// dense layer's δ is the parts' columns side by side.
    ///
    /// In `.training` each shard draws its dropout masks from its own generator, forked from
    /// `generator` in shard order; `generator` advances only if some layer drew. Layers that
    /// couple the examples of a batch (batch normalization) cannot be split: use one shard.
    public func backpropagate(
        _ data: LabeledData, indices: [Int], cost: any Cost, mode: LayerMode = .training,
        generator: inout SeededGenerator, workspaces: ShardWorkspaces
    ) -> Backpropagation {
        precondition(!indices.isEmpty, "backpropagate needs at least one example")
        if mode == .training, let coupled = layers.first(where: { $0.couplesExamples }) {
            preconditionFailure(
                "\(coupled.summary) takes statistics over the whole mini-batch: train it with one shard")
        }
        let sizes = Self.shardSizes(batch: indices.count, shards: workspaces.count)
        let starts = sizes.indices.map { sizes[..<$0].reduce(0, +) }
        var forker = generator
        let generators = sizes.map { _ in forker.fork() }
        let results = ShardSlots<(result: Backpropagation, drew: Bool)>(count: sizes.count)
        let network = self
        withSingleThreadedBLAS {
            DispatchQueue.concurrentPerform(iterations: sizes.count) { s in
                let part = Array(indices[starts[s]..<(starts[s] + sizes[s])])
                var probe = network
                var shardGenerator = generators[s]
                let result = probe.backpropagate(
                    probe.input(data, indices: part), probe.targets(data, indices: part), cost: cost, mode: mode,
                    generator: &shardGenerator, workspace: &workspaces.slots[s].workspace)
                results.store((result, !shardGenerator.sameState(as: generators[s])), at: s)
            }
        }
        if results.values.contains(where: { $0!.drew }) { generator = forker }
        return Self.combine(results.values.map { $0!.result }, sizes: sizes)
    }

    /// Σₛ (mₛ/m) · gradientₛ for every parameter, the summed costs, and the δ columns side by side.
    static func combine(_ parts: [Backpropagation], sizes: [Int]) -> Backpropagation {
        if parts.count == 1 { return parts[0] }
        let m = Double(sizes.reduce(0, +))
        var gradients = parts[0].gradients.map { $0 * (Double(sizes[0]) / m) }
        for (part, size) in zip(parts.dropFirst(), sizes.dropFirst()) {
            for index in gradients.indices {
                gradients[index].addScaled(part.gradients[index], by: Double(size) / m)
            }
        }
        let deltas = parts[0].deltas.indices.map { layer in
            Matrix(sideBySide: parts.map { $0.deltas[layer] })
        }
        return Backpropagation(gradients: gradients, deltas: deltas, cost: parts.reduce(0) { $0 + $1.cost })
    }
}

extension Matrix {
    /// The columns of `parts` side by side, in order (all with the same number of rows).
    init(sideBySide parts: [Matrix]) {
        precondition(!parts.isEmpty, "side by side needs at least one matrix")
        let rows = parts[0].rows
        precondition(parts.allSatisfy { $0.rows == rows }, "side by side needs matrices with the same rows")
        let columns = parts.reduce(0) { $0 + $1.columns }
        var elements = [Double]()
        elements.reserveCapacity(rows * columns)
        for i in 0..<rows {
            for part in parts {
                elements.append(contentsOf: part.elements[(i * part.columns)..<((i + 1) * part.columns)])
            }
        }
        self.init(rows: rows, columns: columns, elements: elements)
    }
}
