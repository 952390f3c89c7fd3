// The long-lag task separates the gated cells from the vanilla network (8.4) in a short seeded run.

import NeuralCore
import TestSupport
import Testing

@testable import Chapter08

@Suite("Chapter 08 — the long-lag experiment")
struct LongLagTests {
    /// A lag the vanilla network of 8.4 fails at while the gated cells succeed.
    static let lag = 100
    /// A short run: a quarter of the chapter's training steps.
    static let steps = 500

    @Test("Eq. 8.16 — At lag 100, 500 seeded steps: the LSTM recalls the first symbol, the vanilla network does not")
    func separates() {
        var generator = SeededGenerator(seed: 5)
        let lstm = longLagAccuracy(.lstm, lag: Self.lag, steps: Self.steps, generator: &generator)
        generator = SeededGenerator(seed: 5)
        let vanilla = longLagAccuracy(.vanilla, lag: Self.lag, steps: Self.steps, generator: &generator)
        #expect(lstm.accuracy > 0.95, "LSTM accuracy \(lstm.accuracy)")
        #expect(vanilla.accuracy < 0.6, "vanilla accuracy \(vanilla.accuracy)")
    }

    @Test(
        "Eq. 8.14 — At lag 100, 500 seeded steps: the minimal gated unit, started remembering, recalls the first symbol"
    )
    func minimalGatedUnit() {
        var generator = SeededGenerator(seed: 5)
        let mgu = longLagAccuracy(.mgu, lag: Self.lag, steps: Self.steps, generator: &generator)
        #expect(mgu.accuracy > 0.95, "MGU accuracy \(mgu.accuracy)")
    }
}
