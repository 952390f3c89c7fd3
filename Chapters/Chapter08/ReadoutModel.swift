// A recurrent cell with a softmax read-out at chosen steps: the model of the long-lag and bracket
// experiments. Unlike the character model, most steps carry no target (the long-lag task asks
// only at the last step), so the loss is Σ over the steps that have one.

import Foundation
import NeuralCore

/// Sequences of symbols for a batch: `inputs[t][j]` is the symbol of sequence j at step t, and
/// `targets[t][j]` its class at that step, or −1 where the step asks nothing.
struct TaggedBatch: Sendable {
    var inputs: [[Int]]
    var targets: [[Int]]
    var length: Int { inputs.count }
    var batchSize: Int { inputs.first?.count ?? 0 }
}

/// A cell, then ŷₜ = softmax(V hₜ + c) at every step that has a target, and the loss
///
///     (8.17)  L = −(1/|S|) Σ_{(t, j) ∈ S} log ŷₜ[yₜ] over the set S of (step, sequence) pairs with a target,
///
/// so ∂L/∂(V hₜ + c) = (ŷₜ − 1_{yₜ}) / |S| on those columns and zero elsewhere.
struct ReadoutModel<Cell: RecurrentCell>: Sendable {
    var cell: Cell
    /// V (classes × H) and c (classes × 1).
    var readout: [Matrix]
    let classes: Int

    init(cell: Cell, classes: Int, using generator: inout SeededGenerator) {
        self.cell = cell
        self.classes = classes
        let bound = 1 / Double(cell.hiddenSize).squareRoot()
        readout = [
            Matrix.uniform(classes, cell.hiddenSize, low: -bound, high: bound, using: &generator),
            Matrix(rows: classes, columns: 1),
        ]
    }

    /// Cell parameters followed by V and c, in the order `gradients` returns them.
    var parameters: [Matrix] {
        get { cell.parameters + readout }
        set {
            let count = cell.parameters.count
            cell.parameters = Array(newValue[0..<count])
            readout = Array(newValue[count...])
        }
    }

    /// The states s₁…s_T and the caches of every step.
    func run(_ batch: TaggedBatch) -> (states: [[Matrix]], caches: [Cell.StepCache]) {
        var state = cell.initialState(batch: batch.batchSize)
        var states: [[Matrix]] = []
        var caches: [Cell.StepCache] = []
        states.reserveCapacity(batch.length)
        caches.reserveCapacity(batch.length)
        for t in 0..<batch.length {
            let (next, cache) = cell.step(.oneHot(batch.inputs[t]), state: state)
            states.append(next)
            caches.append(cache)
            state = next
        }
        return (states, caches)
    }

    /// softmax(V h + c), classes × batch.
    func probabilities(_ hidden: Matrix) -> Matrix {
        Softmax.apply(Matrix.product(readout[0], hidden).addingToEachColumn(readout[1]))
    }

    /// The mean cross-entropy over the steps with targets, its gradients (BPTT through the cell),
    /// and how many of those targets the arg-max prediction got right.
    func lossAndGradients(_ batch: TaggedBatch) -> (loss: Double, gradients: [Matrix], correct: Int, counted: Int) {
        let (states, caches) = run(batch)
        var cellGradients = cell.zeroGradients()
        var readoutGradients = readout.map { Matrix(rows: $0.rows, columns: $0.columns) }
        let counted = batch.targets.reduce(0) { $0 + $1.filter { $0 >= 0 }.count }
        let scale = 1 / Double(max(counted, 1))
        var loss = 0.0
        var correct = 0
        var carried = states[batch.length - 1].map { Matrix(rows: $0.rows, columns: $0.columns) }
        for t in stride(from: batch.length - 1, through: 0, by: -1) {
            let targets = batch.targets[t]
            if targets.contains(where: { $0 >= 0 }) {
                let hidden = states[t][0]
                // ∂L/∂(Vh + c) = (ŷ − y)/N on the counted columns, zero elsewhere.
                var delta = probabilities(hidden)
                let predicted = delta.argmaxPerColumn()
                for j in targets.indices {
                    guard targets[j] >= 0 else {
                        for k in 0..<classes { delta[k, j] = 0 }
                        continue
                    }
                    loss -= Foundation.log(max(delta[targets[j], j], 1e-300))
                    if predicted[j] == targets[j] { correct += 1 }
                    delta[targets[j], j] -= 1
                    for k in 0..<classes { delta[k, j] *= scale }
                }
                readoutGradients[0].addProduct(delta, hidden, transposeB: true, beta: 1)
                readoutGradients[1] += delta.rowSums()
                carried[0].addProduct(readout[0], delta, transposeA: true, beta: 1)
            }
            carried = cell.backwardStep(carried, cache: caches[t], gradients: &cellGradients).dPreviousState
        }
        return (loss * scale, cellGradients + readoutGradients, correct, counted)
    }

    /// The fraction of targets predicted correctly (forward only).
    func accuracy(_ batch: TaggedBatch) -> Double {
        var state = cell.initialState(batch: batch.batchSize)
        var correct = 0
        var counted = 0
        for t in 0..<batch.length {
            state = cell.step(.oneHot(batch.inputs[t]), state: state).state
            let targets = batch.targets[t]
            guard targets.contains(where: { $0 >= 0 }) else { continue }
            let predicted = probabilities(state[0]).argmaxPerColumn()
            for j in targets.indices where targets[j] >= 0 {
                counted += 1
                if predicted[j] == targets[j] { correct += 1 }
            }
        }
        return Double(correct) / Double(max(counted, 1))
    }

    /// Trains with Adam and gradient-norm clipping on batches from `makeBatch`; returns the loss
    /// of every step.
    mutating func train(
        steps: Int, learningRate: Double, clipNorm: Double,
        makeBatch: (inout SeededGenerator) -> TaggedBatch, generator: inout SeededGenerator
    ) -> [Double] {
        var optimizer = Adam(learningRate: learningRate)
        var losses: [Double] = []
        losses.reserveCapacity(steps)
        for _ in 0..<steps {
            let batch = makeBatch(&generator)
            var (loss, gradients, _, _) = lossAndGradients(batch)
            clipByGlobalNorm(&gradients, maximum: clipNorm)
            var current = parameters
            optimizer.step(&current, gradients: gradients)
            parameters = current
            losses.append(loss)
        }
        return losses
    }
}

/// Rescales every gradient by the same factor so that their joint norm is at most `maximum`.
func clipByGlobalNorm(_ gradients: inout [Matrix], maximum: Double) {
    let norm = gradients.reduce(0) { $0 + $1.dot($1) }.squareRoot()
    guard norm > maximum else { return }
    let scale = maximum / norm
    for k in gradients.indices { gradients[k] *= scale }
}
