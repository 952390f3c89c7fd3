// Colours as straight (not premultiplied) RGBA in 0...1, and the categorical palette used for
// series and classes: Okabe–Ito, chosen because it stays distinguishable for colour-blind readers.

/// A colour: red, green, blue and alpha, each in 0...1 (straight alpha).
public struct Colour: Equatable, Hashable, Sendable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// A colour from 0–255 channel values, e.g. `Colour(rgb255: 0, 114, 178)`.
    public init(rgb255 r: Int, _ g: Int, _ b: Int) {
        self.init(red: Double(r) / 255, green: Double(g) / 255, blue: Double(b) / 255)
    }

    /// A colour from a hexadecimal value such as `0x0072B2`.
    public init(hex: UInt32) {
        self.init(rgb255: Int((hex >> 16) & 0xFF), Int((hex >> 8) & 0xFF), Int(hex & 0xFF))
    }

    public static let white = Colour(red: 1, green: 1, blue: 1)
    public static let black = Colour(red: 0, green: 0, blue: 0)
    /// Text and axis colour: a very dark grey, softer than pure black.
    public static let ink = Colour(hex: 0x222222)
    /// Secondary text (tick labels, captions).
    public static let mutedInk = Colour(hex: 0x555555)
    /// Light grid lines.
    public static let grid = Colour(hex: 0xE6E6E6)
    /// Mistakes (e.g. a wrong prediction's caption).
    public static let error = Colour(hex: 0xC62828)

    /// The same colour with another alpha.
    public func withAlpha(_ alpha: Double) -> Colour {
        Colour(red: red, green: green, blue: blue, alpha: alpha)
    }

    /// Linear interpolation towards `other`: `amount` 0 gives `self`, 1 gives `other`.
    public func mixed(with other: Colour, amount: Double) -> Colour {
        let t = min(max(amount, 0), 1)
        return Colour(
            red: red + (other.red - red) * t,
            green: green + (other.green - green) * t,
            blue: blue + (other.blue - blue) * t,
            alpha: alpha + (other.alpha - alpha) * t)
    }

    /// A light tint: the colour mixed `amount` of the way towards white.
    public func tint(_ amount: Double = 0.72) -> Colour { mixed(with: .white, amount: amount) }

    /// Relative luminance (Rec. 709 weights on the sRGB values, good enough to pick text colour).
    public var luminance: Double { 0.2126 * red + 0.7152 * green + 0.0722 * blue }

    /// The colour as 8-bit RGBA, rounded.
    public var rgba8: [UInt8] {
        [red, green, blue, alpha].map { UInt8((min(max($0, 0), 1) * 255).rounded()) }
    }
}

/// The categorical palette for series and classes (Okabe & Ito, 2008), in an order that puts
/// the most contrasting colours first; yellow comes last because it is faint on white.
public enum Palette {
    /// The palette colours, in order.
    public static let okabeIto: [Colour] = [
        Colour(hex: 0x0072B2),  // blue
        Colour(hex: 0xD55E00),  // vermillion
        Colour(hex: 0x009E73),  // bluish green
        Colour(hex: 0xE69F00),  // orange
        Colour(hex: 0xCC79A7),  // reddish purple
        Colour(hex: 0x56B4E9),  // sky blue
        Colour(hex: 0x000000),  // black
        Colour(hex: 0xF0E442),  // yellow
    ]

    /// The `index`-th categorical colour (wraps around after eight).
    public static func categorical(_ index: Int) -> Colour {
        let count = okabeIto.count
        return okabeIto[((index % count) + count) % count]
    }
}
