// Continuous colour maps, each a table of control points interpolated linearly: viridis-like
// (perceptually uniform, for magnitudes), blue–white–red (for signed values) and greys.

/// A continuous colour map built from evenly spaced control colours.
public struct Colormap: Sendable, Equatable {
    /// Control colours, evenly spaced over the map's domain.
    public let stops: [Colour]
    /// Whether the map is meant for signed values in −1...1 (`colour(signed:)`) rather than 0...1.
    public let isDiverging: Bool

    public init(stops: [Colour], isDiverging: Bool = false) {
        precondition(stops.count >= 2, "a colormap needs at least two stops, got \(stops.count)")
        self.stops = stops
        self.isDiverging = isDiverging
    }

    /// Perceptually uniform dark-purple → green → yellow, after matplotlib's viridis.
    public static let viridis = Colormap(stops: [
        Colour(hex: 0x440154), Colour(hex: 0x472D7B), Colour(hex: 0x3B528B),
        Colour(hex: 0x2C728E), Colour(hex: 0x21918C), Colour(hex: 0x28AE80),
        Colour(hex: 0x5EC962), Colour(hex: 0xADDC30), Colour(hex: 0xFDE725),
    ])

    /// Blue (−1) → near-white (0) → red (+1), after ColorBrewer's RdBu, for signed values.
    public static let diverging = Colormap(
        stops: [
            Colour(hex: 0x2166AC), Colour(hex: 0x4393C3), Colour(hex: 0x92C5DE),
            Colour(hex: 0xD1E5F0), Colour(hex: 0xF7F7F7), Colour(hex: 0xFDDBC7),
            Colour(hex: 0xF4A582), Colour(hex: 0xD6604D), Colour(hex: 0xB2182B),
        ], isDiverging: true)

    /// Black (0) → white (1).
    public static let greys = Colormap(stops: [.black, .white])

    /// The colour at `t` in 0...1 (clamped) along the stops.
    public func colour(at t: Double) -> Colour {
        let clamped = t.isNaN ? 0 : min(max(t, 0), 1)
        let position = clamped * Double(stops.count - 1)
        let lower = min(Int(position), stops.count - 2)
        let fraction = position - Double(lower)
        return stops[lower].mixed(with: stops[lower + 1], amount: fraction)
    }

    /// The colour of a signed value in −1...1 (clamped): −1 is the first stop, +1 the last.
    public func colour(signed value: Double) -> Colour {
        colour(at: (value + 1) / 2)
    }

    /// The colour of `value` within `range`, using the signed convention for diverging maps
    /// (so a symmetric range puts zero at the centre colour).
    public func colour(for value: Double, in range: ClosedRange<Double>) -> Colour {
        let span = range.upperBound - range.lowerBound
        let t = span > 0 ? (value - range.lowerBound) / span : 0.5
        return colour(at: t)
    }
}
