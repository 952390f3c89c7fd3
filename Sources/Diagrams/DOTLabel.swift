// The three kinds of Graphviz label: plain text, HTML-like markup, and record layouts.
// Plain and record text is escaped when written; HTML-like markup is written as given, and
// `HTML.escape` makes arbitrary text safe to put inside it.

/// A node, edge, cluster or graph label.
public enum DOTLabel: Sendable, Equatable {
    /// Plain text; "\n" starts a new centred line.
    case plain(String)
    /// HTML-like markup such as `<b>w1</b>` or a `<table>`, written between `<` and `>`.
    /// Text inside it must be escaped with `HTML.escape`.
    case html(String)
    /// A record layout (use with `NodeShape.record` or `.roundedRecord`).
    case record([RecordField])
}

/// One field of a record label: text with an optional port name, or a group of fields laid
/// out across the current direction (records alternate rows and columns at each level).
public indirect enum RecordField: Sendable, Equatable {
    case text(String, port: String? = nil)
    case group([RecordField])
}

/// Escaping for HTML-like labels.
public enum HTML {
    /// Replaces the characters that have a meaning in markup (& < > " ') with entities.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\n": result += "<br/>"
            default: result.append(character)
            }
        }
        return result
    }
}
