// Matrix products through CBLAS (OpenBLAS). This is the only file that talks to BLAS;
// transposes are passed as flags to dgemm (sgemm for `SingleMatrix`), so no transposed copy is
// ever made.

import CBLAS
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Below this many multiply-adds (m·n·k) a product runs on one thread.
private let singleThreadWork = 1 << 21
private let machineCores = max(1, Int(openblas_get_num_procs()))

/// How many threads OpenBLAS runs products on, and what bounds that number. Products pick one
/// thread for small sizes, where waking a second thread costs more than it saves (mini-batches
/// of 10), and all cores otherwise, within `limit` and on one thread while any
/// `withSingleThreadedBLAS` block runs. Every change to OpenBLAS's count goes through this state
/// under its lock, so `current` is always the count OpenBLAS has.
private struct BLASThreads {
    /// OpenBLAS's thread count, as last set through `apply`.
    var current = Int(openblas_get_num_threads())
    /// The cap `setBLASThreads` sets.
    var limit = machineCores
    /// How many `withSingleThreadedBLAS` blocks are running (they may overlap on several threads).
    var singleThreadedBlocks = 0

    /// The most threads a product may use now.
    var allowed: Int { singleThreadedBlocks > 0 ? 1 : limit }

    /// Sets OpenBLAS to `wanted` threads, unless it already has that many.
    mutating func apply(_ wanted: Int) {
        if wanted != current {
            openblas_set_num_threads(Int32(wanted))
            current = wanted
        }
        publishedCurrent.store(current, ordering: .releasing)
        publishedAllowed.store(allowed, ordering: .releasing)
    }
}

/// Copies of `current` and `allowed`, written under the lock, so that a product whose thread count
/// is already right (almost every product) checks it without taking the lock.
private let publishedCurrent = Atomic<Int>(Int(openblas_get_num_threads()))
private let publishedAllowed = Atomic<Int>(max(1, Int(openblas_get_num_procs())))

private let blasThreads = Mutex(BLASThreads())

/// Products run holding this lock shared, so the thread count they chose cannot change while
/// OpenBLAS computes them (the count is one global of OpenBLAS, and one thread and two round
/// some products differently); a change of the count holds it exclusively. Without it, a product
/// on one thread could run on the count another thread had just set: same inputs, last bits
/// different.
private final class ProductLock: @unchecked Sendable {
    private let lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)

    init() {
        var attributes = pthread_rwlockattr_t()
        pthread_rwlockattr_init(&attributes)
        #if canImport(Glibc)
            // A waiting change goes first, so a stream of products cannot starve it.
            pthread_rwlockattr_setkind_np(&attributes, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
        #endif
        pthread_rwlock_init(lock, &attributes)
        pthread_rwlockattr_destroy(&attributes)
    }

    func shared<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }

    func exclusive<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body()
    }
}

private let productLock = ProductLock()

/// Runs `body` with every product on a single BLAS thread: for running several independent
/// trainings concurrently, one per core, without BLAS threads competing for the same cores.
/// Blocks may overlap (on different threads); products go back to the cap of `setBLASThreads`
/// once the last of them ends.
public func withSingleThreadedBLAS<T>(_ body: () throws -> T) rethrows -> T {
    productLock.exclusive {
        blasThreads.withLock { state in
            state.singleThreadedBlocks += 1
            state.apply(1)
        }
    }
    defer {
        productLock.exclusive {
            blasThreads.withLock { state in
                state.singleThreadedBlocks -= 1
                state.apply(state.current)
            }
        }
    }
    return try body()
}

/// Caps the number of threads OpenBLAS may use for products from now on, between 1 and
/// `processorCount` (1 is fastest for the small products of the early chapters). Small products
/// still run on one thread.
public func setBLASThreads(_ count: Int) {
    precondition(count >= 1, "setBLASThreads needs at least one thread, got \(count)")
    productLock.exclusive {
        blasThreads.withLock { state in
            state.limit = min(count, machineCores)
            state.apply(min(state.current, state.allowed))
        }
    }
}

/// The number of cores OpenBLAS sees.
public var processorCount: Int { machineCores }

/// The thread count recorded here, the one OpenBLAS reports, and the current cap, read together
/// under the lock (for the tests: the first two must always agree).
package func blasThreadState() -> (recorded: Int, openBLAS: Int, allowed: Int) {
    blasThreads.withLock { state in (state.current, Int(openblas_get_num_threads()), state.allowed) }
}

/// Runs `product` on the thread count its size calls for, which no other thread can change until
/// it returns: shared with other products when the count is already right (almost always),
/// alone while the count changes and the product runs.
private func withThreads(forWork work: Int, _ product: () -> Void) {
    let ran = productLock.shared { () -> Bool in
        let wanted = min(work < singleThreadWork ? 1 : machineCores, publishedAllowed.load(ordering: .acquiring))
        guard publishedCurrent.load(ordering: .acquiring) == wanted else { return false }
        product()
        return true
    }
    if ran { return }
    productLock.exclusive {
        blasThreads.withLock { state in
            state.apply(min(work < singleThreadWork ? 1 : machineCores, state.allowed))
        }
        product()
    }
}

/// a·b computed on exactly `threads` BLAS threads while no other product runs: the lone result a
/// product of that size gets on that many threads. Package access, for the tests: a reference that
/// does not depend on whether a neighbouring test holds products on one thread at the time.
package func loneProduct(_ a: Matrix, _ b: Matrix, threads: Int) -> Matrix {
    precondition(a.columns == b.rows && a.rows > 0 && b.columns > 0 && a.columns > 0, "loneProduct needs a·b to fit")
    var c = Matrix(rows: a.rows, columns: b.columns)
    productLock.exclusive {
        blasThreads.withLock { state in
            let before = state.current
            state.apply(min(max(threads, 1), machineCores))
            cblas_dgemm(
                CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(a.rows), Int32(b.columns), Int32(a.columns),
                1, a.elements, Int32(a.columns), b.elements, Int32(b.columns), 0, &c.elements, Int32(b.columns))
            state.apply(before)
        }
    }
    return c
}

/// (m, n, k) of op(a)·op(b) into a destination, stopping with both shapes when they do not fit.
private func productShape(
    a: (rows: Int, columns: Int), b: (rows: Int, columns: Int), transposeA: Bool, transposeB: Bool,
    destination: (rows: Int, columns: Int), kind: String
) -> (m: Int, n: Int, k: Int) {
    let m = transposeA ? a.columns : a.rows
    let k = transposeA ? a.rows : a.columns
    let kB = transposeB ? b.columns : b.rows
    let n = transposeB ? b.rows : b.columns
    let left = "\(a.rows)×\(a.columns)\(transposeA ? "ᵀ" : "")"
    let right = "\(b.rows)×\(b.columns)\(transposeB ? "ᵀ" : "")"
    precondition(k == kB, "\(kind) \(left) · \(right): inner dimensions \(k) and \(kB) differ")
    precondition(
        destination.rows == m && destination.columns == n,
        "\(kind) \(left) · \(right) is \(m)×\(n), but the destination is \(destination.rows)×\(destination.columns)")
    return (m, n, k)
}

extension Matrix {
    /// The matrix product op(a) · op(b), scaled by `alpha`, where op transposes when asked.
    ///
    /// Computed by `cblas_dgemm` on the row-major storage; `transposeA`/`transposeB` are handed
    /// to BLAS, so `product(w, delta, transposeA: true)` computes wᵀδ without copying w.
    public static func product(
        _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false, alpha: Double = 1
    ) -> Matrix {
        let m = transposeA ? a.columns : a.rows
        let n = transposeB ? b.rows : b.columns
        // dgemm with beta = 0 overwrites every entry, so the result need not be zeroed first.
        let k = transposeA ? a.rows : a.columns
        guard m > 0, n > 0, k > 0 else {
            return product(checking: a, b, transposeA: transposeA, transposeB: transposeB, alpha: alpha)
        }
        // Double is a trivial type and dgemm with beta = 0 writes every entry before anyone reads it.
        let elements = [Double](unsafeUninitializedCapacity: m * n) { _, initialized in
            initialized = m * n
        }
        var c = Matrix(rows: m, columns: n, elements: elements)
        c.addProduct(a, b, transposeA: transposeA, transposeB: transposeB, alpha: alpha, beta: 0)
        return c
    }

    private static func product(
        checking a: Matrix, _ b: Matrix, transposeA: Bool, transposeB: Bool, alpha: Double
    ) -> Matrix {
        var c = Matrix(rows: transposeA ? a.columns : a.rows, columns: transposeB ? b.rows : b.columns)
        c.addProduct(a, b, transposeA: transposeA, transposeB: transposeB, alpha: alpha, beta: 0)
        return c
    }

    /// self ← alpha · op(a)·op(b) + beta · self, the full dgemm update (beta = 1 accumulates).
    public mutating func addProduct(
        _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false,
        alpha: Double = 1, beta: Double = 1
    ) {
        let (m, n, k) = productShape(
            a: (a.rows, a.columns), b: (b.rows, b.columns), transposeA: transposeA, transposeB: transposeB,
            destination: (rows, columns), kind: "Matrix product")
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            self *= beta
            return
        }
        let lda = Int32(max(a.columns, 1))
        let ldb = Int32(max(b.columns, 1))
        let ldc = Int32(max(columns, 1))
        a.elements.withUnsafeBufferPointer { aBuffer in
            b.elements.withUnsafeBufferPointer { bBuffer in
                elements.withUnsafeMutableBufferPointer { cBuffer in
                    withThreads(forWork: m * n * k) {
                        cblas_dgemm(
                            CblasRowMajor,
                            transposeA ? CblasTrans : CblasNoTrans,
                            transposeB ? CblasTrans : CblasNoTrans,
                            Int32(m), Int32(n), Int32(k),
                            alpha, aBuffer.baseAddress, lda,
                            bBuffer.baseAddress, ldb,
                            beta, cBuffer.baseAddress, ldc)
                    }
                }
            }
        }
    }

    /// The matrix product a · b.
    public static func * (a: Matrix, b: Matrix) -> Matrix {
        product(a, b)
    }
}

extension SingleMatrix {
    /// self ← alpha · op(a)·op(b) + beta · self in single precision (`cblas_sgemm`), the Float
    /// counterpart of `Matrix.addProduct`, on the same thread policy.
    public mutating func addProduct(
        _ a: SingleMatrix, _ b: SingleMatrix, transposeA: Bool = false, transposeB: Bool = false,
        alpha: Float = 1, beta: Float = 1
    ) {
        let (m, n, k) = productShape(
            a: (a.rows, a.columns), b: (b.rows, b.columns), transposeA: transposeA, transposeB: transposeB,
            destination: (rows, columns), kind: "Single-precision product")
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            elements.withUnsafeMutableBufferPointer { c in for index in 0..<c.count { c[index] *= beta } }
            return
        }
        let lda = Int32(max(a.columns, 1))
        let ldb = Int32(max(b.columns, 1))
        let ldc = Int32(max(columns, 1))
        a.elements.withUnsafeBufferPointer { aBuffer in
            b.elements.withUnsafeBufferPointer { bBuffer in
                elements.withUnsafeMutableBufferPointer { cBuffer in
                    withThreads(forWork: m * n * k) {
                        cblas_sgemm(
                            CblasRowMajor,
                            transposeA ? CblasTrans : CblasNoTrans,
                            transposeB ? CblasTrans : CblasNoTrans,
                            Int32(m), Int32(n), Int32(k),
                            alpha, aBuffer.baseAddress, lda,
                            bBuffer.baseAddress, ldb,
                            beta, cBuffer.baseAddress, ldc)
                    }
                }
            }
        }
    }
}

/// Raw `cblas_dgemm` on preallocated n × n buffers, `repeats` times, for the benchmark's
/// comparison with `Matrix.product` (the difference is the wrapper's overhead). Package access:
/// a hook for WorkbookBenchmark, not part of the library's API.
/// - Returns: the time per product.
package func rawDGEMMDuration(n: Int, repeats: Int) -> Duration {
    let a = [Double](repeating: 1.0 / Double(n), count: n * n)
    let b = [Double](repeating: 0.5, count: n * n)
    var c = [Double](repeating: 0, count: n * n)
    let start = ContinuousClock.now
    for _ in 0..<repeats {
        cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, a, Int32(n), b, Int32(n), 0,
            &c, Int32(n))
    }
    return (ContinuousClock.now - start) / repeats
}
