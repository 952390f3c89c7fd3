import Foundation
import Testing
@testable import Figures

@Suite("Ticks and colour maps")
struct TicksTests {
    @Test("0...1 gives 0, 0.2, …, 1 exactly")
    func unitRange() {
        #expect(Ticks.linear(0, 1) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(Ticks.labels(for: Ticks.linear(0, 1)) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test("steps are 1, 2 or 5 × 10^k", arguments: [(0.0, 7.3), (-3.2, 4.1), (1e-4, 3e-3), (0, 1234), (-0.3, 0.3)])
    func niceSteps(range: (Double, Double)) throws {
        let ticks = Ticks.linear(range.0, range.1)
        try #require(ticks.count >= 3)
        let step = ticks[1] - ticks[0]
        let mantissa = step / pow(10, floor(log10(step)))
        #expect([1.0, 2.0, 5.0].contains { abs($0 - mantissa) < 1e-9 }, "step \(step)")
        #expect(ticks.first! >= range.0 && ticks.last! <= range.1)
    }

    @Test("whole-number axes (epochs) never get a fractional tick")
    func wholeNumbers() {
        #expect(Ticks.linear(0.96, 3.04).contains(1.2))
        #expect(Ticks.linear(0.96, 3.04, wholeNumbers: true) == [1, 2, 3])
        #expect(Ticks.labels(for: Ticks.linear(0.96, 3.04, wholeNumbers: true)) == ["1", "2", "3"])
        #expect(Ticks.linear(0, 40, wholeNumbers: true) == Ticks.linear(0, 40))
    }

    @Test("no float noise or negative zero in labels")
    func labels() {
        #expect(Ticks.labels(for: [0.1, 0.2, 0.30000000000000004]) == ["0.1", "0.2", "0.3"])
        #expect(Ticks.labels(for: [-0.2, -0.0, 0.2]) == ["−0.2", "0.0", "0.2"])
        #expect(Ticks.labels(for: [0, 500, 1000]) == ["0", "500", "1000"])
    }

    @Test("log range 1e-3...1e1 gives the powers of ten, labelled 10ⁿ")
    func logTicks() {
        let ticks = Ticks.log10(1e-3, 1e1)
        #expect(ticks == [1e-3, 1e-2, 1e-1, 1, 10])
        #expect(Ticks.logLabels(for: ticks) == ["10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹"])
        #expect(Ticks.scientific(2e-5) == "2×10⁻⁵")
    }

    @Test("a short log range gets plain labels, and whole mantissas when 1-2-5 would leave too few")
    func shortLogRange() {
        #expect(Ticks.log10(0.3, 2.5) == [0.5, 1, 2])
        #expect(Ticks.logLabels(for: [0.05, 0.5, 1, 2, 20]) == ["0.05", "0.5", "1", "2", "20"])
        let short = Ticks.log10(0.25, 0.7)
        #expect(short.count == 5 && zip(short, [0.3, 0.4, 0.5, 0.6, 0.7]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(Ticks.logLabels(for: short) == ["0.3", "0.4", "0.5", "0.6", "0.7"])
    }

    @Test("a symmetric log axis: 0 and the threshold, then log ticks; doublings past it evenly spaced")
    func symmetricLog() {
        #expect(Ticks.symmetricLog10(0, 1_500, threshold: 25) == [0, 25, 50, 100, 200, 500, 1_000])
        #expect(
            Ticks.symmetricLog10(-200, 200, threshold: 10) == [-200, -100, -50, -20, -10, 0, 10, 20, 50, 100, 200])
        // Past the threshold only, no 0: what `log10` gives for 30…90 (whole mantissas).
        #expect(Ticks.symmetricLog10(30, 90, threshold: 25) == [30, 40, 50, 60, 70, 80, 90])
        let scale = Scale.symmetricLog10(linearBelow: 25, linearDecades: log10(2.0))
        let axis = ResolvedAxis(range: 0...1_600, data: [], scale: scale)
        // 0, 25, 50, …, 1,600 are seven equal steps: the linear part is one doubling wide.
        let steps = [0.0, 25, 50, 100, 200, 400, 800, 1_600].map(axis.fraction)
        for (index, fraction) in steps.enumerated() {
            #expect(abs(fraction - Double(index) / 7) < 1e-12, "update \(index): \(fraction)")
        }
        #expect(abs(axis.fraction(12.5) - 0.5 / 7) < 1e-12)  // linear below the threshold
        for value in [-3_000.0, -7, 0, 3, 25, 60, 12_345] {
            #expect(abs(scale.untransformed(scale.transformed(value)) - value) < 1e-9 * max(1, abs(value)))
        }
        #expect(abs(axis.value(atFraction: 3 / 7) - 100) < 1e-9)
        #expect(axis.labels == ["0", "25", "50", "100", "200", "500", "1000"])
    }

    @Test("colormap endpoints and centre")
    func colormaps() {
        #expect(Colormap.viridis.colour(at: 0) == Colour(hex: 0x440154))
        #expect(Colormap.viridis.colour(at: 1) == Colour(hex: 0xFDE725))
        #expect(Colormap.viridis.colour(at: -3) == Colour(hex: 0x440154))
        #expect(Colormap.greys.colour(at: 0) == .black)
        #expect(Colormap.greys.colour(at: 1) == .white)
        #expect(Colormap.diverging.colour(signed: -1) == Colour(hex: 0x2166AC))
        #expect(Colormap.diverging.colour(signed: 0) == Colour(hex: 0xF7F7F7))
        #expect(Colormap.diverging.colour(signed: 1) == Colour(hex: 0xB2182B))
        #expect(Palette.categorical(0) == Palette.categorical(8))
    }
}
