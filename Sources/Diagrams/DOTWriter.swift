// DOT text generation: pure Swift, deterministic (declaration order is kept), two-space
// indentation. Every identifier and string value is double-quoted, so no keyword or
// punctuation in user text can change the meaning of the file.

import Foundation

extension DOTGraph {
    /// The graph in the DOT language, ready for Graphviz.
    public var dotSource: String {
        var writer = DOTWriter()
        writer.line(0, "\(kind == .directed ? "digraph" : "graph") \(DOTWriter.quoted(name)) {")
        writer.defaults("graph", graphAttributes)
        writer.defaults("node", nodeDefaults)
        writer.defaults("edge", edgeDefaults)
        for cluster in clusters { writer.cluster(cluster, depth: 1) }
        for node in nodes { writer.node(node, depth: 1) }
        for group in sameRank { writer.sameRank(group, depth: 1) }
        let arrow = kind == .directed ? "->" : "--"
        for edge in edges {
            let ends = "\(DOTWriter.quoted(edge.from)) \(arrow) \(DOTWriter.quoted(edge.to))"
            writer.line(1, ends + DOTWriter.attributeList(edge.attributes) + ";")
        }
        writer.line(0, "}")
        return writer.text
    }
}

/// Accumulates DOT lines and knows how each kind of value is spelled.
struct DOTWriter {
    private(set) var text = ""

    mutating func line(_ depth: Int, _ content: String) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    mutating func defaults(_ keyword: String, _ attributes: [DOTAttribute]) {
        guard !attributes.isEmpty else { return }
        line(1, keyword + Self.attributeList(attributes) + ";")
    }

    mutating func node(_ node: DOTNode, depth: Int) {
        line(depth, Self.quoted(node.id) + Self.attributeList(node.attributes) + ";")
    }

    mutating func sameRank(_ ids: [String], depth: Int) {
        guard !ids.isEmpty else { return }
        line(depth, "{ rank=same; " + ids.map { Self.quoted($0) + "; " }.joined() + "}")
    }

    mutating func cluster(_ cluster: DOTCluster, depth: Int) {
        line(depth, "subgraph \(Self.quoted("cluster_" + cluster.name)) {")
        if !cluster.attributes.isEmpty {
            line(depth + 1, "graph" + Self.attributeList(cluster.attributes) + ";")
        }
        for inner in cluster.clusters { self.cluster(inner, depth: depth + 1) }
        for node in cluster.nodes { self.node(node, depth: depth + 1) }
        for group in cluster.sameRank { sameRank(group, depth: depth + 1) }
        line(depth, "}")
    }

    /// ` [a="x", b=1]`, or nothing for no attributes.
    static func attributeList(_ attributes: [DOTAttribute]) -> String {
        guard !attributes.isEmpty else { return "" }
        return " [" + attributes.map { "\($0.name)=\(spelled($0.value))" }.joined(separator: ", ") + "]"
    }

    static func spelled(_ value: DOTValue) -> String {
        switch value {
        case .text(let text): return quoted(text)
        case .number(let number): return numeral(number)
        case .flag(let flag): return flag ? "true" : "false"
        case .label(.plain(let text)): return quoted(text)
        case .label(.html(let markup)): return "<" + markup + ">"
        case .label(.record(let fields)):
            return quotedKeepingBackslashes(fields.map(recordText).joined(separator: "|"))
        }
    }

    /// A double-quoted DOT string. Backslashes are doubled (so a label shows them as typed),
    /// quotes are escaped and line breaks become "\n" (a centred line break in labels).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": break
            default: result.append(character)
            }
        }
        return result + "\""
    }

    /// A double-quoted string whose backslashes are already escapes (record labels).
    static func quotedKeepingBackslashes(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A record field: special characters of record syntax are escaped with a backslash.
    static func recordText(_ field: RecordField) -> String {
        switch field {
        case .group(let fields):
            return "{" + fields.map(recordText).joined(separator: "|") + "}"
        case .text(let text, let port):
            var escaped = ""
            for character in text {
                switch character {
                case "\\": escaped += "\\\\"
                case "{", "}", "|", "<", ">": escaped += "\\" + String(character)
                case "\n": escaped += "\\n"
                case "\r": break
                default: escaped.append(character)
                }
            }
            guard let port else { return escaped }
            return "<\(port)> " + escaped
        }
    }

    /// A DOT numeral: whole numbers without ".0", never exponent notation (DOT has none).
    static func numeral(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        let plain = String(value)
        if !plain.contains("e") { return plain }
        var fixed = String(format: "%.8f", value)
        while fixed.hasSuffix("0") { fixed.removeLast() }
        if fixed.hasSuffix(".") { fixed.removeLast() }
        return fixed
    }
}
