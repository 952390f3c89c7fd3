// Max and average pooling and flatten: forward values by hand, backward passes against central
// differences, and flatten as an exact reshape.

import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("Pooling and flatten (Eq. 6.10–6.12)")
struct PoolingTests {
    static let image = Matrix([
        [1, 3, 2, 0],
        [4, 2, 1, 5],
        [0, 1, 7, 2],
        [6, 2, 3, 3],
    ])

    @Test("Eq. 6.10 — max pooling picks each window's maximum")
    func maxForward() {
        let pooled = Pooling2D(.max, size: 2).forward(FeatureMaps(image: Self.image)).output
        #expect(pooled.map(channel: 0, example: 0) == Matrix([[4, 5], [6, 7]]))
    }

    @Test("Eq. 6.11 — average pooling takes each window's mean")
    func averageForward() {
        let pooled = Pooling2D(.average, size: 2).forward(FeatureMaps(image: Self.image)).output
        #expect(pooled.map(channel: 0, example: 0) == Matrix([[2.5, 2], [2.25, 3.75]]))
    }

    @Test("Eq. 6.10 — max pooling routes the whole gradient to the arg-max")
    func maxBackwardRoutes() {
        let pool = Pooling2D(.max, size: 2)
        let (_, cache) = pool.forward(FeatureMaps(image: Self.image))
        let g = FeatureMaps(image: Matrix([[10, 20], [30, 40]]))
        let back = pool.backward(g, cache: cache).map(channel: 0, example: 0)
        #expect(back == Matrix([[0, 0, 0, 0], [10, 0, 0, 20], [0, 0, 40, 0], [30, 0, 0, 0]]))
    }

    @Test("Eq. 6.11 — average pooling spreads the gradient evenly")
    func averageBackwardSpreads() {
        let pool = Pooling2D(.average, size: 2)
        let (_, cache) = pool.forward(FeatureMaps(image: Self.image))
        let g = FeatureMaps(image: Matrix([[4, 8], [12, 16]]))
        let back = pool.backward(g, cache: cache).map(channel: 0, example: 0)
        #expect(back == Matrix([[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]]))
    }

    @Test(
        "Eq. 6.10, Eq. 6.11 — pooling backward against central differences",
        arguments: [
            (Pooling2D.Kind.max, 2, 2), (.average, 2, 2), (.max, 3, 2), (.average, 3, 1), (.max, 2, 1),
        ])
    func backwardMatchesFiniteDifferences(kind: Pooling2D.Kind, size: Int, stride: Int) {
        let pool = Pooling2D(kind, size: size, stride: stride)
        var generator = SeededGenerator(seed: 21)
        // Distinct random values: no ties, so max pooling is differentiable at the test point.
        let x = FeatureMaps(
            channels: 2, batch: 3, height: 7, width: 6, values: Matrix.gaussian(2, 3 * 42, using: &generator))
        let (output, cache) = pool.forward(x)
        let r = Matrix.gaussian(output.values.rows, output.values.columns, using: &generator)
        let analytic = pool.backward(
            FeatureMaps(
                channels: output.channels, batch: output.batch, height: output.height, width: output.width, values: r),
            cache: cache)
        let numeric = GradientCheck.numericGradient(
            of: { values in
                pool.forward(FeatureMaps(channels: 2, batch: 3, height: 7, width: 6, values: values)).output.values.dot(
                    r)
            }, at: x.values)
        expectGradientsMatch(
            analytic: analytic.values, numeric: numeric, tolerance: Tolerance.gradientCheckSmooth,
            floor: Tolerance.centralDifferenceFloor, "\(kind) \(size)/\(stride)")
    }

    @Test("Eq. 6.10 — the fused ReLU + max-pool backward equals pooling backward then ⊙ ReLU′")
    func fusedReLUMaxPool() {
        var generator = SeededGenerator(seed: 22)
        let z = FeatureMaps(
            channels: 3, batch: 2, height: 6, width: 6, values: Matrix.gaussian(3, 72, using: &generator))
        let a = FeatureMaps(channels: 3, batch: 2, height: 6, width: 6, values: z.values.map { max(0, $0) })
        let pool = Pooling2D(.max, size: 2)
        let (output, cache) = pool.forward(a)
        let g = FeatureMaps(
            channels: 3, batch: 2, height: 3, width: 3,
            values: Matrix.gaussian(output.values.rows, output.values.columns, using: &generator))
        var fused = FeatureMaps.empty
        pool.backward(g, cache: cache, into: &fused, positiveOnly: a.values)
        let separate = pool.backward(g, cache: cache).values ⊙ z.values.map { $0 > 0 ? 1 : 0 }
        #expect(fused.values == separate)
    }

    @Test("Eq. 6.12 — flatten puts (c, y, x) of example b in row (c·H + y)·W + x of column b; backward inverts it")
    func flattenRoundTrip() {
        let maps = FeatureMaps(channels: 2, batch: 3, height: 2, width: 3) { c, b, y, x in
            Double(1000 * c + 100 * b + 10 * y + x)
        }
        let flat = Flatten.forward(maps)
        #expect(flat.rows == 12 && flat.columns == 3)
        #expect(flat[(1 * 2 + 1) * 3 + 2, 2] == 1212)
        #expect(flat[0, 1] == 100)
        #expect(Flatten.backward(flat, channels: 2, height: 2, width: 3) == maps)
        // The backward of a reshape is the adjoint: ⟨flatten(x), u⟩ = ⟨x, unflatten(u)⟩.
        var generator = SeededGenerator(seed: 23)
        let u = Matrix.gaussian(12, 3, using: &generator)
        expectClose(
            flat.dot(u), maps.values.dot(Flatten.backward(u, channels: 2, height: 2, width: 3).values),
            tolerance: Tolerance.exactArithmetic)
    }
}
