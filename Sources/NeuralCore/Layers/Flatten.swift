// The reshape between the convolutional and the dense part of a network: C maps of H × W per
// example become one column of C·H·W features per example, and back (Eq. 6.12).

/// The layer between feature maps and dense layers: C × H × W maps per example in, one column of
/// C·H·W features per example out (Eq. 6.12). No parameters; the same in both modes.
public struct Flatten: Layer, Equatable {
    public init() {}

    public var summary: String { "flatten" }

    public func outputShape(for input: MapShape) -> MapShape? { .features(input.count) }

    /// The input's shape, for the backward reshape.
    public struct Cache: Sendable {
        public var input = MapShape(channels: 0, height: 0, width: 0)
    }

    public func makeCache() -> Cache { Cache() }

    /// Eq. 6.12 as a layer.
    public func forward(
        _ input: FeatureMaps, mode: LayerMode, cache: inout Cache, generator: inout SeededGenerator
    ) -> FeatureMaps {
        cache.input = MapShape(channels: input.channels, height: input.height, width: input.width)
        return FeatureMaps(
            channels: cache.input.count, batch: input.batch, height: 1, width: 1, values: Self.forward(input))
    }

    /// Eq. 6.12 (backward) as a layer.
    public func backward(_ outputGradient: FeatureMaps, cache: inout Cache, needsInputGradient: Bool)
        -> LayerGradients
    {
        guard needsInputGradient else { return LayerGradients(input: nil, parameters: []) }
        let shape = cache.input
        return LayerGradients(
            input: Self.backward(
                outputGradient.values, channels: shape.channels, height: shape.height, width: shape.width),
            parameters: [])
    }

    public var parameters: [Matrix] {
        get { [] }
        set { precondition(newValue.isEmpty, "flatten has no parameters") }
    }

    public var isPenalized: [Bool] { [] }

    /// Eq. 6.12 — feature maps C × B × H × W to a (C·H·W) × B matrix: entry (c, b, y, x) goes
    /// to row (c·H + y)·W + x of column b. Only the order changes, so the backward pass is the
    /// inverse reshape.
    public static func forward(_ maps: FeatureMaps) -> Matrix {
        let plane = maps.planeSize
        let batch = maps.batch
        var result = Matrix(rows: maps.channels * plane, columns: batch)
        maps.values.elements.withUnsafeBufferPointer { source in
            result.elements.withUnsafeMutableBufferPointer { target in
                for c in 0..<maps.channels {
                    for b in 0..<batch {
                        let from = (c * batch + b) * plane
                        for p in 0..<plane { target[(c * plane + p) * batch + b] = source[from + p] }
                    }
                }
            }
        }
        return result
    }

    /// Eq. 6.12 (backward) — a (C·H·W) × B gradient back to C × B × H × W feature maps.
    public static func backward(_ gradient: Matrix, channels: Int, height: Int, width: Int) -> FeatureMaps {
        let plane = height * width
        precondition(
            gradient.rows == channels * plane,
            "Flatten.backward: \(gradient.rows) rows are not \(channels)×\(height)×\(width) features")
        let batch = gradient.columns
        var result = FeatureMaps(channels: channels, batch: batch, height: height, width: width)
        gradient.elements.withUnsafeBufferPointer { source in
            result.values.elements.withUnsafeMutableBufferPointer { target in
                for c in 0..<channels {
                    for b in 0..<batch {
                        let to = (c * batch + b) * plane
                        for p in 0..<plane { target[to + p] = source[(c * plane + p) * batch + b] }
                    }
                }
            }
        }
        return result
    }
}
