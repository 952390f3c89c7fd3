// Drawing pen strokes into a small grey-scale image. Each pixel's ink is how deep the pixel's
// centre lies inside the pen: full inside the stroke, fading over about one pixel at its edge
// (anti-aliasing by distance to the nearest segment), so strokes look like MNIST's soft ink.

/// A polyline drawn with a round pen, in pixel coordinates (x to the right, y down).
struct PenStroke {
    var points: [SIMD2<Double>]
    /// Pen radius in pixels at each point (same count as `points`).
    var radii: [Double]
}

/// Rasterises strokes into `rows × columns` bytes.
enum StrokeRasterizer {
    /// Width of the soft edge, in pixels.
    static let edgeSoftness = 1.2

    /// Ink coverage in [0, 1] for every pixel, row by row.
    static func coverage(of strokes: [PenStroke], rows: Int, columns: Int) -> [Double] {
        var ink = [Double](repeating: 0, count: rows * columns)
        for stroke in strokes {
            let points = stroke.points
            if points.count == 1 {
                stamp(
                    from: points[0], to: points[0], radii: (stroke.radii[0], stroke.radii[0]),
                    into: &ink, rows: rows, columns: columns)
            }
            for index in 1..<max(1, points.count) {
                stamp(
                    from: points[index - 1], to: points[index], radii: (stroke.radii[index - 1], stroke.radii[index]),
                    into: &ink, rows: rows, columns: columns)
            }
        }
        return ink
    }

    /// Adds one segment: each pixel near it keeps the larger of its ink and the segment's.
    private static func stamp(
        from a: SIMD2<Double>, to b: SIMD2<Double>, radii: (Double, Double),
        into ink: inout [Double], rows: Int, columns: Int
    ) {
        let reach = max(radii.0, radii.1) + edgeSoftness
        let minX = max(0, Int((min(a.x, b.x) - reach).rounded(.down)))
        let maxX = min(columns - 1, Int((max(a.x, b.x) + reach).rounded(.up)))
        let minY = max(0, Int((min(a.y, b.y) - reach).rounded(.down)))
        let maxY = min(rows - 1, Int((max(a.y, b.y) + reach).rounded(.up)))
        guard minX <= maxX, minY <= maxY else { return }
        let direction = b - a
        let lengthSquared = (direction * direction).sum()
        for y in minY...maxY {
            for x in minX...maxX {
                let centre = SIMD2(Double(x) + 0.5, Double(y) + 0.5)
                // The closest point of the segment is a + t·(b − a) with t clamped to [0, 1].
                var t = 0.0
                if lengthSquared > 0 {
                    t = min(1, max(0, ((centre - a) * direction).sum() / lengthSquared))
                }
                let offset = centre - (a + t * direction)
                let distance = (offset * offset).sum().squareRoot()
                let radius = radii.0 + t * (radii.1 - radii.0)
                let value = min(1, max(0, (radius + edgeSoftness / 2 - distance) / edgeSoftness))
                let index = y * columns + x
                if value > ink[index] { ink[index] = value }
            }
        }
    }
}
