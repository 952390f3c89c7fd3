// The reshape between the convolutional and the dense part of a network: C maps of H × W per
// example become one column of C·H·W features per example, and back (Eq. 6.12).

/// Flattening of feature maps into dense-layer columns and its inverse.
public enum Flatten {
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
