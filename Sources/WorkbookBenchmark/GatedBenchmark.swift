// The LSTM row of the benchmark: training throughput of an LSTM character model.
import Foundation
import NeuralCore

/// Seconds for forward + backward of the bare LSTM cell over 25 steps, batch 32 (development aid).
@MainActor func lstmCellOnlyCharactersPerSecond(
    hidden: Int = 128, vocabulary: Int = 76, steps: Int = 25, batch: Int = 32, repeats: Int = 40
) -> Double {
    var generator = SeededGenerator(seed: 1)
    let cell = LSTMCell(inputSize: vocabulary, hiddenSize: hidden, using: &generator)
    let inputs = (0..<steps).map { _ in (0..<batch).map { _ in generator.integer(below: vocabulary) } }
    let upstream = Matrix.gaussian(hidden, batch, using: &generator)
    let start = ContinuousClock.now
    for _ in 0..<repeats {
        var state = cell.initialState(batch: batch)
        var caches: [LSTMCell.StepCache] = []
        for t in 0..<steps {
            let (next, cache) = cell.step(.oneHot(inputs[t]), state: state)
            state = next
            caches.append(cache)
        }
        var gradients = cell.zeroGradients()
        var carried = cell.initialState(batch: batch)
        for t in stride(from: steps - 1, through: 0, by: -1) {
            carried[0] += upstream
            carried = cell.backwardStep(carried, cache: caches[t], gradients: &gradients).dPreviousState
        }
    }
    return Double(repeats * steps * batch) / seconds(ContinuousClock.now - start)
}

@MainActor func gatedDevProfile() {
    var generator = SeededGenerator(seed: 1)
    let w = Matrix.gaussian(512, 128, using: &generator)
    let h = Matrix.gaussian(128, 32, using: &generator)
    let dz = Matrix.gaussian(512, 32, using: &generator)
    var z = Matrix.gaussian(512, 32, using: &generator)
    var dw = Matrix(rows: 512, columns: 128)
    let n = 2000
    var start = ContinuousClock.now
    for _ in 0..<n { z.addProduct(w, h, beta: 1) }
    print("W h", seconds(ContinuousClock.now - start) / Double(n) * 1e6, "µs")
    start = ContinuousClock.now
    for _ in 0..<n { dw.addProduct(dz, h, transposeB: true, beta: 1) }
    print("dW", seconds(ContinuousClock.now - start) / Double(n) * 1e6, "µs")
    start = ContinuousClock.now
    for _ in 0..<n { _ = Matrix.product(w, dz, transposeA: true) }
    print("Wt dz", seconds(ContinuousClock.now - start) / Double(n) * 1e6, "µs")
    var x = 0.0
    let values = (0..<4096 * 5).map { Double($0 % 97) / 20 - 2.4 }
    start = ContinuousClock.now
    for _ in 0..<200 { for v in values { x += Foundation.exp(v) } }
    print("exp×20480", seconds(ContinuousClock.now - start) / 200 * 1e6, "µs", x > 0)
    start = ContinuousClock.now
    for _ in 0..<200 { for v in values { x += Foundation.tanh(v) } }
    print("tanh×20480", seconds(ContinuousClock.now - start) / 200 * 1e6, "µs", x > 0)
}

@MainActor func gatedDevElementwise() {
    var values = Matrix(rows: 1, columns: 20480) { _, j in Double(j % 97) / 20 - 2.4 }
    let copy = values
    let start = ContinuousClock.now
    for _ in 0..<200 {
        values = copy
        values.elements.withUnsafeMutableBufferPointer { VectorMath.sigmoidInPlace($0, 0..<20480) }
    }
    print("vector sigmoid×20480", seconds(ContinuousClock.now - start) / 200 * 1e6, "µs", values.elements[7])
}
