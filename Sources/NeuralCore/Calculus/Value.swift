// A scalar reverse-mode automatic differentiation tape, in the spirit of micrograd.
// Each `Value` remembers the values it was made from and the local derivative with respect to
// each of them, computed right where the forward value is computed. `backward()` then walks the
// graph in reverse topological order applying the chain rule. It is deliberately small and slow:
// an independent oracle for the hand-written backward passes, and the source of the
// computation-graph diagrams.

import Foundation

/// A scalar that remembers how it was computed, so that gradients can flow back through it.
///
/// Gradients accumulate (`grad +=`) across calls to `backward()` until `zeroGradients()` is called.
public final class Value {
    /// The forward value.
    public let data: Double
    /// ∂(output)/∂(self), filled in by `backward()` on some output.
    public var grad: Double = 0
    /// The operation that produced this value ("+", "×", "tanh", …), empty for an input.
    public let operation: String
    /// A name to show in diagrams ("w1", "b", "z"…); optional.
    public var label: String
    /// The values this one was computed from.
    public private(set) var parents: [Value]
    /// ∂self/∂parents[i], evaluated at the forward values.
    public let localDerivatives: [Double]

    /// An input (leaf) value.
    public init(_ data: Double, label: String = "") {
        self.data = data
        self.label = label
        self.operation = ""
        self.parents = []
        self.localDerivatives = []
    }

    /// A value computed by `operation` from `parents`, with its local derivatives.
    public init(_ data: Double, operation: String, parents: [Value], localDerivatives: [Double]) {
        precondition(parents.count == localDerivatives.count, "one local derivative per parent")
        self.data = data
        self.label = ""
        self.operation = operation
        self.parents = parents
        self.localDerivatives = localDerivatives
    }

    /// Releases long chains iteratively: the default recursive release of a graph thousands of
    /// operations deep (an unrolled sequence, say) would overflow the stack.
    deinit {
        var pending = parents
        parents = []
        while var node = pending.popLast() {
            if isKnownUniquelyReferenced(&node) {
                pending.append(contentsOf: node.parents)
                node.parents = []
            }
        }
    }

    /// Every value this one depends on (itself included), inputs first.
    public func topologicalOrder() -> [Value] {
        var order: [Value] = []
        var visited = Set<ObjectIdentifier>()
        // Iterative depth-first search, so deep graphs (long sequences) do not exhaust the stack.
        var stack: [(Value, Bool)] = [(self, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded {
                order.append(node)
                continue
            }
            guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
            stack.append((node, true))
            for parent in node.parents.reversed() where !visited.contains(ObjectIdentifier(parent)) {
                stack.append((parent, false))
            }
        }
        return order
    }

    /// Back-propagates from this value: with ∂self/∂self = 1, applies the chain rule
    /// ∂self/∂p = Σ over edges v → p of ∂self/∂v · ∂v/∂p in reverse topological order, then adds
    /// each ∂self/∂node to `node.grad`. Each call adds exactly one gradient, however often it runs.
    public func backward() {
        let order = topologicalOrder()
        var adjoint: [ObjectIdentifier: Double] = [ObjectIdentifier(self): 1]
        for node in order.reversed() {
            let upstream = adjoint[ObjectIdentifier(node), default: 0]
            node.grad += upstream
            for (parent, local) in zip(node.parents, node.localDerivatives) {
                adjoint[ObjectIdentifier(parent), default: 0] += upstream * local
            }
        }
    }

    /// Sets the gradient of this value and everything it depends on back to zero.
    public func zeroGradients() {
        for node in topologicalOrder() { node.grad = 0 }
    }
}

// MARK: Arithmetic

extension Value {
    public static func + (a: Value, b: Value) -> Value {
        Value(a.data + b.data, operation: "+", parents: [a, b], localDerivatives: [1, 1])
    }

    public static func - (a: Value, b: Value) -> Value {
        Value(a.data - b.data, operation: "−", parents: [a, b], localDerivatives: [1, -1])
    }

    public static func * (a: Value, b: Value) -> Value {
        Value(a.data * b.data, operation: "×", parents: [a, b], localDerivatives: [b.data, a.data])
    }

    /// a / b, with ∂/∂a = 1/b and ∂/∂b = −a/b².
    public static func / (a: Value, b: Value) -> Value {
        let quotient = a.data / b.data
        return Value(quotient, operation: "÷", parents: [a, b], localDerivatives: [1 / b.data, -quotient / b.data])
    }

    public static prefix func - (a: Value) -> Value {
        Value(-a.data, operation: "neg", parents: [a], localDerivatives: [-1])
    }

    public static func + (a: Value, b: Double) -> Value { a + Value(b) }
    public static func + (a: Double, b: Value) -> Value { Value(a) + b }
    public static func - (a: Value, b: Double) -> Value { a - Value(b) }
    public static func - (a: Double, b: Value) -> Value { Value(a) - b }
    public static func * (a: Value, b: Double) -> Value { a * Value(b) }
    public static func * (a: Double, b: Value) -> Value { Value(a) * b }
    public static func / (a: Value, b: Double) -> Value { a / Value(b) }
    public static func / (a: Double, b: Value) -> Value { Value(a) / b }

    /// aⁿ for a constant exponent, with derivative n·aⁿ⁻¹.
    public func power(_ n: Double) -> Value {
        Value(
            Foundation.pow(data, n), operation: "^\(formatExponent(n))", parents: [self],
            localDerivatives: [n * Foundation.pow(data, n - 1)])
    }

    /// eᵃ, its own derivative.
    public func exp() -> Value {
        let e = Foundation.exp(data)
        return Value(e, operation: "exp", parents: [self], localDerivatives: [e])
    }

    /// ln a, with derivative 1/a.
    public func log() -> Value {
        Value(Foundation.log(data), operation: "log", parents: [self], localDerivatives: [1 / data])
    }

    /// tanh a, with derivative 1 − tanh² a.
    public func tanh() -> Value {
        let t = Foundation.tanh(data)
        return Value(t, operation: "tanh", parents: [self], localDerivatives: [1 - t * t])
    }

    /// σ(a) = 1/(1 + e⁻ᵃ), with derivative σ(1 − σ) (Eq. 2.1, 2.5).
    public func sigmoid() -> Value {
        let s = Activation.sigmoid.value(data)
        return Value(s, operation: "σ", parents: [self], localDerivatives: [s * (1 - s)])
    }

    /// max(0, a), with derivative 1 for a > 0 and 0 otherwise.
    public func relu() -> Value {
        Value(max(0, data), operation: "ReLU", parents: [self], localDerivatives: [data > 0 ? 1 : 0])
    }

    /// Σ values, as one node with many parents (keeps diagrams of sums readable).
    public static func sum(_ values: [Value]) -> Value {
        Value(
            values.reduce(0) { $0 + $1.data }, operation: "Σ", parents: values,
            localDerivatives: Array(repeating: 1, count: values.count))
    }

    /// Names this value for diagrams and returns it, e.g. `(w * x).named("wx")`.
    @discardableResult
    public func named(_ name: String) -> Value {
        label = name
        return self
    }
}

private func formatExponent(_ n: Double) -> String {
    n == n.rounded() ? String(Int(n)) : String(n)
}
