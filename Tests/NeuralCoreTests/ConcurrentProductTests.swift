import Dispatch
import NeuralCore
import Synchronization
import Testing

/// Products called from several threads at once — as parallel tests, or a reader's own parallel
/// code, do — must give the numbers a lone caller gets, although small products run on one BLAS
/// thread and large ones on every core, so callers keep asking OpenBLAS for different counts.
@Suite("BLAS products from several threads at once")
struct ConcurrentProductTests {
    @Test("Small and large products on four threads equal the same products computed alone")
    func concurrentProductsAreExact() {
        var generator = SeededGenerator(seed: 3)
        // Sizes on both sides of the one-thread threshold, so the wanted count flips constantly.
        let shapes = [(8, 8, 8), (300, 200, 150), (5, 40, 3), (256, 256, 256), (64, 10, 30)]
        let pairs = shapes.map { m, k, n in
            (Matrix.gaussian(m, k, using: &generator), Matrix.gaussian(k, n, using: &generator))
        }
        let expected = pairs.map { $0.0 * $0.1 }
        let mismatches = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for round in 0..<200 {
                let index = (round + worker) % pairs.count
                if pairs[index].0 * pairs[index].1 != expected[index] {
                    mismatches.add(1, ordering: .relaxed)
                }
            }
        }
        #expect(mismatches.load(ordering: .relaxed) == 0)
    }
}
