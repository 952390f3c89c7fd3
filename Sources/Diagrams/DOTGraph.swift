// A Graphviz graph as a Swift value: nodes, edges, clusters and same-rank groups, each with
// typed attributes. Build it up, then read `dotSource` (see DOTWriter.swift) or hand it to
// `GraphvizRenderer`.

/// A node: an identifier that edges refer to, and its attributes.
public struct DOTNode: Sendable, Equatable {
    /// The identifier edges use; shown as the label when no label is given.
    public var id: String
    public var attributes: [DOTAttribute]

    public init(_ id: String, _ attributes: [DOTAttribute] = []) {
        self.id = id
        self.attributes = attributes
    }
}

/// An edge between two node identifiers, with optional ports and attributes.
public struct DOTEdge: Sendable, Equatable {
    public var from: String
    public var to: String
    public var attributes: [DOTAttribute]

    public init(from: String, to: String, _ attributes: [DOTAttribute] = []) {
        self.from = from
        self.to = to
        self.attributes = attributes
    }

    /// An edge that is not drawn but still orders its ends (the head one rank after the tail).
    public static func invisible(from: String, to: String) -> DOTEdge {
        DOTEdge(from: from, to: to, [.style(.invisible)])
    }
}

/// A cluster: a subgraph drawn inside its own box, with a label and style. Nodes declared in
/// it belong to it; clusters nest.
public struct DOTCluster: Sendable, Equatable {
    /// A name unique within the graph ("cluster_" is prefixed when written).
    public var name: String
    public var attributes: [DOTAttribute]
    public var nodes: [DOTNode]
    public var clusters: [DOTCluster]
    /// Groups of node identifiers placed on the same rank inside this cluster.
    public var sameRank: [[String]]

    public init(
        _ name: String, _ attributes: [DOTAttribute] = [], nodes: [DOTNode] = [],
        clusters: [DOTCluster] = [], sameRank: [[String]] = []
    ) {
        self.name = name
        self.attributes = attributes
        self.nodes = nodes
        self.clusters = clusters
        self.sameRank = sameRank
    }
}

/// A whole Graphviz graph.
///
/// ```swift
/// var graph = DOTGraph(name: "xor", graphAttributes: [.rankDirection(.leftToRight)])
/// graph.nodeDefaults = [.shape(.circle), .style(.filled), .fillColor("#dbeafe")]
/// graph.add(DOTNode("x1", [.label("x₁")]))
/// graph.add(DOTNode("y", [.label("y")]))
/// graph.connect("x1", "y", [.label("−2")])
/// print(graph.dotSource)
/// ```
public struct DOTGraph: Sendable, Equatable {
    /// Directed graphs draw arrows (`->`); undirected ones plain lines (`--`).
    public enum Kind: Sendable {
        case directed, undirected
    }

    public var name: String
    public var kind: Kind
    /// Attributes of the graph itself: rankdir, label, fontname, nodesep, ranksep, splines, dpi…
    public var graphAttributes: [DOTAttribute]
    /// Attributes every node starts with.
    public var nodeDefaults: [DOTAttribute]
    /// Attributes every edge starts with.
    public var edgeDefaults: [DOTAttribute]
    /// Nodes outside any cluster, in declaration order.
    public var nodes: [DOTNode]
    public var clusters: [DOTCluster]
    public var edges: [DOTEdge]
    /// Groups of node identifiers that share a rank (`{ rank=same; … }`).
    public var sameRank: [[String]]

    public init(
        name: String = "G", kind: Kind = .directed, graphAttributes: [DOTAttribute] = [],
        nodeDefaults: [DOTAttribute] = [], edgeDefaults: [DOTAttribute] = []
    ) {
        self.name = name
        self.kind = kind
        self.graphAttributes = graphAttributes
        self.nodeDefaults = nodeDefaults
        self.edgeDefaults = edgeDefaults
        self.nodes = []
        self.clusters = []
        self.edges = []
        self.sameRank = []
    }

    /// Adds a node outside any cluster.
    public mutating func add(_ node: DOTNode) { nodes.append(node) }

    /// Adds a cluster (with its nodes).
    public mutating func add(_ cluster: DOTCluster) { clusters.append(cluster) }

    /// Adds an edge.
    public mutating func add(_ edge: DOTEdge) { edges.append(edge) }

    /// Adds an edge from `from` to `to`.
    public mutating func connect(_ from: String, _ to: String, _ attributes: [DOTAttribute] = []) {
        edges.append(DOTEdge(from: from, to: to, attributes))
    }

    /// Puts the given nodes on one rank.
    public mutating func keepOnSameRank(_ ids: [String]) { sameRank.append(ids) }

    /// Chains the nodes with invisible edges, so that each is placed one rank after the last
    /// (or, inside one rank, keeps them in this order when used with `constraint(false)`).
    public mutating func order(_ ids: [String]) {
        for (tail, head) in zip(ids, ids.dropFirst()) {
            edges.append(.invisible(from: tail, to: head))
        }
    }

    /// Every node identifier declared, in clusters or not.
    public var allNodeIDs: [String] {
        func collect(_ cluster: DOTCluster) -> [String] {
            cluster.nodes.map(\.id) + cluster.clusters.flatMap(collect)
        }
        return nodes.map(\.id) + clusters.flatMap(collect)
    }
}
