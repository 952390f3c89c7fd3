// How each digit is written, as pen strokes in a unit box (x to the right, y down, both 0...1).
// Every shape has a little randomness of its own (where a loop closes, whether a 1 has a flag,
// whether a 7 is crossed); the handwriting wobble and the slant come later, in SyntheticDigits.

import Foundation

/// Builds the strokes of one digit, drawing its small variations from a generator.
struct DigitGlyph {
    /// Strokes in the unit box.
    var strokes: [[SIMD2<Double>]] = []
    /// Width of the digit relative to its height.
    var aspect = 0.62
    var generator: SeededGenerator

    init(generator: SeededGenerator) {
        self.generator = generator
    }

    /// `value` moved by up to ±`spread`, uniformly.
    mutating func vary(_ value: Double, _ spread: Double) -> Double {
        value + generator.uniform(-spread, spread)
    }

    /// A point near (x, y).
    mutating func point(_ x: Double, _ y: Double, _ spread: Double = 0.03) -> SIMD2<Double> {
        SIMD2(vary(x, spread), vary(y, spread))
    }

    /// Points along an elliptical arc; angles in degrees, 0 = right, 90 = down (y points down).
    static func arc(
        centre: SIMD2<Double>, radii: SIMD2<Double>, from start: Double, to end: Double
    ) -> [SIMD2<Double>] {
        let steps = max(2, Int((abs(end - start) / 8).rounded(.up)))
        return (0...steps).map { step in
            let angle = (start + (end - start) * Double(step) / Double(steps)) * Double.pi / 180
            return centre + radii * SIMD2(cos(angle), sin(angle))
        }
    }

    /// Points along a cubic Bézier curve.
    static func curve(
        _ p0: SIMD2<Double>, _ p1: SIMD2<Double>, _ p2: SIMD2<Double>, _ p3: SIMD2<Double>, steps: Int = 12
    ) -> [SIMD2<Double>] {
        (0...steps).map { step in
            let t = Double(step) / Double(steps)
            let s = 1 - t
            return s * s * s * p0 + 3 * s * s * t * p1 + 3 * s * t * t * p2 + t * t * t * p3
        }
    }

    /// Points along a straight line, several of them so that later wobble can bend it.
    static func line(_ a: SIMD2<Double>, _ b: SIMD2<Double>, steps: Int = 6) -> [SIMD2<Double>] {
        (0...steps).map { step in a + (Double(step) / Double(steps)) * (b - a) }
    }

    /// Writes `digit` (0–9).
    mutating func write(_ digit: Int) {
        switch digit {
        case 0: zero()
        case 1: one()
        case 2: two()
        case 3: three()
        case 4: four()
        case 5: five()
        case 6: six()
        case 7: seven()
        case 8: eight()
        default: nine()
        }
    }

    // MARK: The ten digits

    private mutating func zero() {
        aspect = vary(0.72, 0.12)
        let start = vary(-100, 25)
        let overshoot = generator.uniform(0, 30)
        strokes.append(
            Self.arc(
                centre: SIMD2(0.5, 0.5), radii: SIMD2(vary(0.44, 0.04), vary(0.47, 0.03)),
                from: start, to: start + 360 + overshoot))
    }

    private mutating func one() {
        aspect = vary(0.5, 0.1)
        let top = point(0.56, 0.03)
        let bottom = point(0.46, 0.97)
        strokes.append(Self.line(top, bottom))
        if generator.bernoulli(0.45) {
            strokes.append(Self.line(point(vary(0.25, 0.08), vary(0.25, 0.06)), top, steps: 3))
        }
        if generator.bernoulli(0.15) {
            strokes.append(Self.line(point(0.2, 0.97), point(0.78, 0.96), steps: 3))
        }
    }

    private mutating func two() {
        aspect = vary(0.68, 0.1)
        let arcCentre = SIMD2(0.5, vary(0.28, 0.03))
        let radii = SIMD2(vary(0.4, 0.04), vary(0.25, 0.03))
        var stroke = Self.arc(centre: arcCentre, radii: radii, from: vary(-170, 15), to: vary(20, 12))
        let corner = point(0.06, 0.95)
        stroke += Self.curve(stroke.last!, point(0.75, 0.55, 0.06), point(0.3, 0.8, 0.06), corner).dropFirst()
        stroke += Self.line(corner, point(0.95, 0.94)).dropFirst()
        strokes.append(stroke)
    }

    private mutating func three() {
        aspect = vary(0.64, 0.1)
        let middle = point(0.45, 0.5)
        let upperRadii = SIMD2(vary(0.38, 0.04), vary(0.24, 0.02))
        var stroke = Self.arc(
            centre: SIMD2(0.5, middle.y - upperRadii.y), radii: upperRadii, from: vary(-160, 15), to: 90)
        let lowerRadii = SIMD2(vary(0.43, 0.04), (0.98 - middle.y) / 2)
        stroke += Self.arc(
            centre: SIMD2(0.5, middle.y + lowerRadii.y), radii: lowerRadii, from: -90, to: vary(150, 15))
        strokes.append(stroke)
    }

    private mutating func four() {
        aspect = vary(0.72, 0.1)
        let bar = vary(0.62, 0.05)
        if generator.bernoulli(0.6) {
            // Closed style: a diagonal down to the bar, then the stem through the bar.
            let top = point(0.62, 0.02)
            strokes.append(Self.line(top, point(0.06, bar)) + Self.line(point(0.06, bar), point(0.96, bar)).dropFirst())
            let stemX = vary(0.68, 0.05)
            strokes.append(Self.line(SIMD2(stemX, vary(0.22, 0.08)), point(stemX, 0.98)))
        } else {
            // Open style: a short down stroke, the bar, and a separate stem.
            let corner = point(0.12, bar)
            strokes.append(Self.line(point(0.2, 0.03), corner) + Self.line(corner, point(0.96, bar)).dropFirst())
            strokes.append(Self.line(point(0.74, 0.03), point(0.7, 0.98)))
        }
    }

    private mutating func five() {
        aspect = vary(0.66, 0.1)
        let topLeft = point(0.28, 0.04)
        let elbow = point(0.22, 0.44)
        let bowlRadii = SIMD2(vary(0.42, 0.04), vary(0.27, 0.03))
        let bowlCentre = SIMD2(0.5, 0.97 - bowlRadii.y)
        var stroke = Self.line(topLeft, elbow, steps: 4)
        stroke += Self.arc(centre: bowlCentre, radii: bowlRadii, from: vary(-135, 10), to: vary(150, 15))
        strokes.append(stroke)
        strokes.append(Self.line(topLeft, point(0.92, 0.03), steps: 4))
    }

    private mutating func six() {
        aspect = vary(0.66, 0.1)
        let loopRadii = SIMD2(vary(0.4, 0.04), vary(0.26, 0.03))
        let loopCentre = SIMD2(0.52, 0.97 - loopRadii.y)
        let loopStart = loopCentre + SIMD2(-loopRadii.x, 0)
        var stroke = Self.curve(point(0.78, 0.03), point(0.35, 0.12, 0.08), point(0.1, 0.4, 0.05), loopStart)
        stroke += Self.arc(centre: loopCentre, radii: loopRadii, from: 180, to: vary(-170, 20)).dropFirst()
        strokes.append(stroke)
    }

    private mutating func seven() {
        aspect = vary(0.66, 0.1)
        let left = point(0.05, 0.05)
        let right = point(0.95, 0.05)
        let foot = point(0.4, 0.98, 0.08)
        var stroke: [SIMD2<Double>] = []
        if generator.bernoulli(0.3) { stroke += Self.line(point(0.04, 0.18), left, steps: 2).dropLast() }
        stroke += Self.line(left, right)
        stroke += Self.curve(right, point(0.8, 0.35), point(0.55, 0.6), foot).dropFirst()
        strokes.append(stroke)
        if generator.bernoulli(0.2) {
            strokes.append(Self.line(point(0.42, 0.52), point(0.88, 0.5), steps: 3))
        }
    }

    private mutating func eight() {
        aspect = vary(0.62, 0.1)
        let waist = point(0.5, 0.45)
        let upperRadii = SIMD2(vary(0.34, 0.04), waist.y / 2 - 0.01)
        let lowerRadii = SIMD2(vary(0.44, 0.04), (1 - waist.y) / 2 - 0.01)
        let start = vary(90, 20)
        // Upper loop from the waist, then the lower loop, as one continuous stroke.
        strokes.append(
            Self.arc(centre: SIMD2(waist.x, waist.y - upperRadii.y), radii: upperRadii, from: start, to: start - 360)
                + Self.arc(centre: SIMD2(waist.x, waist.y + lowerRadii.y), radii: lowerRadii, from: -90, to: 270))
    }

    private mutating func nine() {
        aspect = vary(0.64, 0.1)
        let loopRadii = SIMD2(vary(0.4, 0.04), vary(0.24, 0.03))
        let loopCentre = SIMD2(0.48, 0.03 + loopRadii.y)
        let joint = loopCentre + SIMD2(loopRadii.x, 0)
        var stroke = Self.arc(centre: loopCentre, radii: loopRadii, from: 0, to: vary(-360, 15))
        let foot = point(vary(0.7, 0.12), 0.98)
        stroke += Self.curve(joint, point(joint.x, 0.5), point(foot.x + 0.05, 0.75), foot).dropFirst()
        strokes.append(stroke)
    }
}
