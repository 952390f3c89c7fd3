// The rules a figure must keep to be readable where it is read: the repository's web page shows
// an image at most 880 px wide, so a figure is drawn for that width (in logical px, stored at
// twice the pixels) and no text a reader sees may be smaller than 11 px or cut off.

import Foundation

/// What a reader sees of a figure's text, measured while it was drawn.
public struct Legibility: Sendable, Equatable {
    /// The widest a figure is shown (GitHub's page shows images at most about 880 px wide).
    public static let maximumDisplayWidth = 880
    /// Image pixels per logical px of every written figure: sharp on high-density screens.
    public static let density = 2
    /// The smallest text size a reader may see, in px.
    public static let smallestReadableText = 11.0

    /// The figure's logical width, in px.
    public var displayWidth: Int
    /// The smallest font size drawn, in logical px (`nil` for a figure without text).
    public var smallestTextSize: Double?
    /// The texts that fell, even partly, outside the canvas or their panel.
    public var textOutside: [String]

    public init(displayWidth: Int, smallestTextSize: Double?, textOutside: [String] = []) {
        self.displayWidth = displayWidth
        self.smallestTextSize = smallestTextSize
        self.textOutside = textOutside
    }

    /// The smallest text as the reader sees it: shrunk with the figure if it is wider than the page.
    public var smallestTextSeen: Double? {
        smallestTextSize.map {
            $0 * min(1, Double(Legibility.maximumDisplayWidth) / Double(displayWidth))
        }
    }

    /// Every rule the figure breaks, one sentence each (empty when it reads well).
    public var problems: [String] {
        var found: [String] = []
        if displayWidth > Legibility.maximumDisplayWidth {
            found.append(
                "it is \(displayWidth) px wide but is shown at most \(Legibility.maximumDisplayWidth) px wide")
        }
        if let seen = smallestTextSeen, seen < Legibility.smallestReadableText - 1e-9 {
            found.append(
                "its smallest text is \(Self.format(seen)) px, below \(Self.format(Legibility.smallestReadableText)) px"
            )
        }
        if !textOutside.isEmpty {
            let shown = textOutside.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ")
            found.append("text is cut off at its edge (\(shown)\(textOutside.count > 3 ? ", …" : ""))")
        }
        return found
    }

    /// The measured values as PNG `tEXt` pairs: `Display width` and `Smallest text`.
    public var metadata: [(String, String)] {
        var pairs = [("Display width", String(displayWidth))]
        if let seen = smallestTextSeen { pairs.append(("Smallest text", Self.format(seen))) }
        return pairs
    }

    /// Throws a `FigureError` naming `name` and the first rule broken.
    public func validate(name: String) throws {
        if let first = problems.first {
            throw FigureError("figure \(name) would be hard to read: \(first); draw it for the page")
        }
    }

    /// One decimal, rounded down so that a size never reads larger than it is.
    static func format(_ value: Double) -> String {
        String(format: "%.1f", (value * 10 + 1e-9).rounded(.down) / 10)
    }
}

/// A figure that cannot be drawn or written as asked.
public struct FigureError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
