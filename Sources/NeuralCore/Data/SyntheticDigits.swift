// Generated handwritten-looking digits, the offline stand-in for MNIST. Each digit is written
// as pen strokes (DigitGlyph), bent by a smooth random wobble, slanted, rotated, scaled and
// shifted, then drawn with a pen of random width into 28 × 28 bytes (StrokeRasterizer).

import Foundation

/// Generates an MNIST-shaped dataset of drawn digits.
public enum SyntheticDigits {
    /// Image side in pixels, as in MNIST.
    public static let side = 28
    /// Height of an unscaled digit in pixels (MNIST digits fit a 20 × 20 box).
    static let digitHeight = 18.5

    /// `count` digits with balanced classes (counts differ by at most one), in a random order.
    /// The same generator state always gives the same bytes.
    public static func generate(count: Int, generator: inout SeededGenerator) -> ImageDataset {
        precondition(count >= 0, "count must not be negative")
        var labels = (0..<count).map { UInt8($0 % 10) }
        generator.shuffle(&labels)
        var pixels = [UInt8]()
        pixels.reserveCapacity(count * side * side)
        for label in labels {
            pixels += draw(Int(label), generator: &generator)
        }
        return ImageDataset(
            rows: side, columns: side, pixels: pixels, labels: labels,
            classNames: DatasetKind.mnist.classNames)
    }

    /// One 28 × 28 image of `digit`, row by row.
    public static func draw(_ digit: Int, generator: inout SeededGenerator) -> [UInt8] {
        precondition((0...9).contains(digit), "digits are 0–9, got \(digit)")
        var glyph = DigitGlyph(generator: generator.fork())
        glyph.write(digit)

        // Handwriting wobble: a smooth displacement field over the unit box (two sine waves per axis).
        let waves = (0..<4).map { _ in
            (
                amplitude: generator.uniform(0, 0.05), frequency: generator.uniform(0.5, 1.5),
                phase: generator.uniform(0, 2 * Double.pi)
            )
        }
        func wobble(_ p: SIMD2<Double>) -> SIMD2<Double> {
            let dx =
                waves[0].amplitude * sin(2 * Double.pi * waves[0].frequency * p.y + waves[0].phase)
                + waves[1].amplitude * sin(2 * Double.pi * waves[1].frequency * p.x + waves[1].phase)
            let dy =
                waves[2].amplitude * sin(2 * Double.pi * waves[2].frequency * p.x + waves[2].phase)
                + waves[3].amplitude * sin(2 * Double.pi * waves[3].frequency * p.y + waves[3].phase)
            return p + SIMD2(dx, dy)
        }

        // The affine part: size, width, slant (shear), rotation and position.
        let height = digitHeight * generator.uniform(0.82, 1.05)
        let width = height * glyph.aspect * generator.uniform(0.85, 1.15)
        let slant = generator.uniform(-0.12, 0.35)
        let angle = generator.uniform(-14, 14) * Double.pi / 180
        let shift = SIMD2(generator.uniform(-1, 1), generator.uniform(-1, 1))
        let centre = SIMD2(Double(side) / 2, Double(side) / 2) + shift
        let (c, s) = (cos(angle), sin(angle))
        func place(_ p: SIMD2<Double>) -> SIMD2<Double> {
            let q = wobble(p) - SIMD2(0.5, 0.5)
            var local = SIMD2(q.x * width, q.y * height)
            local.x -= slant * local.y  // the top leans right for a positive slant
            return centre + SIMD2(c * local.x - s * local.y, s * local.x + c * local.y)
        }

        // The pen: a random width, swelling and thinning a little along each stroke.
        let penRadius = generator.uniform(1.05, 2.1)
        let ink = generator.uniform(0.85, 1.0)
        var strokes: [PenStroke] = []
        for points in glyph.strokes {
            let pressure = (start: generator.uniform(0.8, 1.15), end: generator.uniform(0.8, 1.15))
            let placed = points.map(place)
            let radii = placed.indices.map { index -> Double in
                let t = placed.count > 1 ? Double(index) / Double(placed.count - 1) : 0
                return penRadius * (pressure.start + t * (pressure.end - pressure.start))
            }
            strokes.append(PenStroke(points: placed, radii: radii))
        }
        fitInsideFrame(&strokes)
        let coverage = StrokeRasterizer.coverage(of: strokes, rows: side, columns: side)
        return coverage.map { UInt8((min(1, $0 * ink) * 255).rounded()) }
    }

    /// Empty pixels kept around every digit, as in MNIST (whose digits sit in a 20 × 20 box).
    static let frameMargin = 1.5

    /// Shrinks and shifts strokes whose ink would reach the image's outer frame.
    static func fitInsideFrame(_ strokes: inout [PenStroke]) {
        let reach = (strokes.flatMap(\.radii).max() ?? 0) + StrokeRasterizer.edgeSoftness / 2
        let points = strokes.flatMap(\.points)
        guard let first = points.first else { return }
        var low = first, high = first
        for p in points {
            low = SIMD2(min(low.x, p.x), min(low.y, p.y))
            high = SIMD2(max(high.x, p.x), max(high.y, p.y))
        }
        let lowest = frameMargin + reach, highest = Double(side) - frameMargin - reach
        let room = highest - lowest
        let size = high - low
        let scale = min(1, room / max(size.x, 1e-9), room / max(size.y, 1e-9))
        let centre = (low + high) / 2
        // After scaling about the centre, move just enough to bring each side inside.
        let halfSize = size * scale / 2
        var shift = SIMD2<Double>(0, 0)
        for axis in 0..<2 {
            let lowEdge = centre[axis] - halfSize[axis], highEdge = centre[axis] + halfSize[axis]
            if lowEdge < lowest { shift[axis] = lowest - lowEdge }
            if highEdge > highest { shift[axis] = highest - highEdge }
        }
        guard scale < 1 || shift != SIMD2(0, 0) else { return }
        for index in strokes.indices {
            strokes[index].points = strokes[index].points.map { centre + (($0 - centre) * scale) + shift }
        }
    }
}
