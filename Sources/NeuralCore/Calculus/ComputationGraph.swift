// A plain, value-type snapshot of a tape: what the diagrams library draws.

/// One node of a computation graph: an input or an operation, with its forward value and gradient.
public struct ComputationNode: Sendable, Equatable {
    /// Position in `ComputationGraph.nodes` (inputs come before the values computed from them).
    public var id: Int
    /// A name such as "w1", or empty.
    public var label: String
    /// The operation ("+", "×", "tanh", …), empty for an input.
    public var operation: String
    /// The forward value.
    public var value: Double
    /// The gradient of the output with respect to this node.
    public var gradient: Double

    public var isInput: Bool { operation.isEmpty }

    public init(id: Int, label: String, operation: String, value: Double, gradient: Double) {
        self.id = id
        self.label = label
        self.operation = operation
        self.value = value
        self.gradient = gradient
    }
}

/// A computation graph: nodes in topological order and edges from operand to result.
public struct ComputationGraph: Sendable, Equatable {
    public var nodes: [ComputationNode]
    /// (from, to): node `from` is an operand of node `to`.
    public var edges: [(from: Int, to: Int)]

    public init(nodes: [ComputationNode], edges: [(from: Int, to: Int)]) {
        self.nodes = nodes
        self.edges = edges
    }

    public static func == (lhs: ComputationGraph, rhs: ComputationGraph) -> Bool {
        lhs.nodes == rhs.nodes && lhs.edges.map { [$0.from, $0.to] } == rhs.edges.map { [$0.from, $0.to] }
    }
}

extension Value {
    /// A snapshot of the graph that produced this value, with current values and gradients.
    public func computationGraph() -> ComputationGraph {
        let order = topologicalOrder()
        var index: [ObjectIdentifier: Int] = [:]
        for (position, node) in order.enumerated() { index[ObjectIdentifier(node)] = position }
        let nodes = order.enumerated().map { position, node in
            ComputationNode(
                id: position, label: node.label, operation: node.operation, value: node.data, gradient: node.grad)
        }
        var edges: [(from: Int, to: Int)] = []
        for (position, node) in order.enumerated() {
            for parent in node.parents {
                edges.append((from: index[ObjectIdentifier(parent)]!, to: position))
            }
        }
        return ComputationGraph(nodes: nodes, edges: edges)
    }
}
