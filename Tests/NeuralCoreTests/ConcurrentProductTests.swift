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
        // Some of these round differently on one thread and on two (which ones depends on the
        // CPU's kernels), so a product whose thread count changed under it would show here.
        let shapes = [(8, 8, 8), (300, 200, 150), (100, 100, 32), (138, 800, 100), (138, 100, 32)]
        let pairs = shapes.map { m, k, n in
            (Matrix.gaussian(m, k, using: &generator), Matrix.gaussian(k, n, using: &generator))
        }
        // Tests running beside this one may hold every product on one thread for a while
        // (`withSingleThreadedBLAS`), so a large product may rightly run on one thread or on
        // all: the lone result of any thread count is right, anything else is a product disturbed
        // mid-way. The references are computed while no other product runs, on a count set
        // explicitly, so they cannot depend on what the neighbours do at the time.
        let loneResults = pairs.map { a, b in (1...processorCount).map { loneProduct(a, b, threads: $0) } }
        let mismatches = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for round in 0..<400 {
                let index = (round + worker) % pairs.count
                let product = pairs[index].0 * pairs[index].1
                if !loneResults[index].contains(product) {
                    let (m, k, n) = shapes[index]
                    let gap = zip(product.elements, loneResults[index][0].elements).map { abs($0 - $1) }.max() ?? 0
                    mismatches.withLock { $0.append("\(m)×\(k)·\(k)×\(n) off by \(gap)") }
                }
            }
        }
        let found = mismatches.withLock { $0 }
        #expect(found.isEmpty, "\(found.count) products disturbed mid-way, first: \(found.prefix(3))")
    }
}
