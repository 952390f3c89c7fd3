// Classic two-variable surfaces for watching optimizers move: a curved narrow valley
// (Rosenbrock) and a flat plateau with steep walls (Beale). Each has an analytic gradient.

/// A function f(x, y) with its gradient and known global minimum, for optimizer paths.
public protocol TestFunction: Sendable {
    /// A short name for legends and narratives.
    var name: String { get }
    /// f(x, y).
    func value(_ x: Double, _ y: Double) -> Double
    /// ∇f = (∂f/∂x, ∂f/∂y).
    func gradient(_ x: Double, _ y: Double) -> (x: Double, y: Double)
    /// Where f takes its global minimum.
    var minimum: (x: Double, y: Double) { get }
}

/// Rosenbrock's banana function f(x, y) = (a − x)² + b(y − x²)², minimum 0 at (a, a²).
///
/// The valley y ≈ x² is easy to find and hard to follow: across it f rises like b, along it like 1.
public struct Rosenbrock: TestFunction {
    public var a: Double
    public var b: Double

    public init(a: Double = 1, b: Double = 100) {
        self.a = a
        self.b = b
    }

    public var name: String { "Rosenbrock" }
    public var minimum: (x: Double, y: Double) { (a, a * a) }

    public func value(_ x: Double, _ y: Double) -> Double {
        let along = a - x
        let across = y - x * x
        return along * along + b * across * across
    }

    /// ∂f/∂x = −2(a − x) − 4bx(y − x²),  ∂f/∂y = 2b(y − x²).
    public func gradient(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        let across = y - x * x
        return (-2 * (a - x) - 4 * b * x * across, 2 * b * across)
    }
}

/// Beale's function f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²,
/// minimum 0 at (3, 0.5).
public struct Beale: TestFunction {
    public init() {}

    public var name: String { "Beale" }
    public var minimum: (x: Double, y: Double) { (3, 0.5) }

    public func value(_ x: Double, _ y: Double) -> Double {
        let (first, second, third) = terms(x, y)
        return first * first + second * second + third * third
    }

    /// With uₖ = cₖ − x + xyᵏ: ∂f/∂x = Σ 2uₖ(yᵏ − 1),  ∂f/∂y = Σ 2uₖ · k x yᵏ⁻¹.
    public func gradient(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        let (first, second, third) = terms(x, y)
        let y2 = y * y
        let y3 = y2 * y
        let dx = 2 * first * (y - 1) + 2 * second * (y2 - 1) + 2 * third * (y3 - 1)
        let dy = 2 * first * x + 2 * second * 2 * x * y + 2 * third * 3 * x * y2
        return (dx, dy)
    }

    private func terms(_ x: Double, _ y: Double) -> (Double, Double, Double) {
        (1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y * y * y)
    }
}

/// The points visited by `optimizer` minimising `function` from `start`: `steps + 1` points,
/// the start first. (x, y) is handed to the optimizer as one 2×1 parameter matrix.
///
/// The optimizer is copied, so the caller's instance (and its state) is left unchanged.
public func optimizerPath(
    optimizer: some Optimizer, start: (x: Double, y: Double), function: some TestFunction, steps: Int
) -> [(x: Double, y: Double)] {
    precondition(steps >= 0, "optimizerPath: steps must be non-negative, got \(steps)")
    var optimizer = optimizer
    var parameters = [Matrix(column: [start.x, start.y])]
    var gradients = [Matrix(rows: 2, columns: 1)]
    var path = [start]
    path.reserveCapacity(steps + 1)
    for _ in 0..<steps {
        let point = (x: parameters[0].elements[0], y: parameters[0].elements[1])
        let slope = function.gradient(point.x, point.y)
        gradients[0].elements[0] = slope.x
        gradients[0].elements[1] = slope.y
        optimizer.step(&parameters, gradients: gradients)
        path.append((parameters[0].elements[0], parameters[0].elements[1]))
    }
    return path
}
