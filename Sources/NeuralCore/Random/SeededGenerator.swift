// The one source of randomness in the workbook: xoshiro256** seeded through SplitMix64.
// Every draw (initial weights, shuffles, dropout masks, datasets) comes from a generator made
// from the chapter's `--seed`, so the same seed gives the same numbers and figures on any machine.

import Foundation

/// A seeded pseudo-random generator (xoshiro256**, Blackman & Vigna 2018).
///
/// All sampling methods here are written out explicitly rather than taken from the standard
/// library, so that their results cannot change with the Swift version.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)
    /// A second Gaussian from the last Box–Muller pair, kept for the next call.
    private var spareGaussian: Double?

    /// The seed this generator started from, for results files and PNG metadata.
    public let seed: UInt64

    /// Makes a generator whose whole 256-bit state is expanded from `seed` by SplitMix64.
    public init(seed: UInt64) {
        self.seed = seed
        var splitMix = SplitMix64(state: seed)
        state = (splitMix.next(), splitMix.next(), splitMix.next(), splitMix.next())
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, by: 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, by: 45)
        return result
    }

    /// A generator for an independent stream, e.g. one per experiment of a chapter.
    /// Forking draws one value from this generator, so it advances this one too.
    public mutating func fork() -> SeededGenerator {
        SeededGenerator(seed: next())
    }

    /// This generator after `count` more draws of 64 bits (the state `count` calls of `next` or
    /// `fork` would leave).
    public func advanced(by count: Int) -> SeededGenerator {
        var copy = self
        for _ in 0..<max(0, count) { _ = copy.next() }
        return copy
    }

    /// How many 64-bit draws lead from `start` to this generator's state, if at most `limit` do.
    public func draws(since start: SeededGenerator, limit: Int = 100_000) -> Int? {
        var probe = start
        for count in 0...limit {
            if probe.sameState(as: self) { return count }
            _ = probe.next()
        }
        return nil
    }

    /// Whether the two generators will produce the same draws from here on.
    public func sameState(as other: SeededGenerator) -> Bool {
        state.0 == other.state.0 && state.1 == other.state.1 && state.2 == other.state.2
            && state.3 == other.state.3 && spareGaussian == other.spareGaussian
    }

    // MARK: Draws

    /// Uniform in [0, 1), with 53 random bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// A uniform integer in 0..<bound (Lemire's nearly-divisionless method, unbiased).
    public mutating func integer(below bound: Int) -> Int {
        precondition(bound > 0, "integer(below:) needs a positive bound, got \(bound)")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A standard normal draw N(0, 1) by the Box–Muller transform.
    public mutating func gaussian() -> Double {
        if let spare = spareGaussian {
            spareGaussian = nil
            return spare
        }
        // 1 − u lies in (0, 1], so the logarithm is finite.
        let u1 = 1 - uniform()
        let u2 = uniform()
        let radius = (-2 * log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spareGaussian = radius * sin(angle)
        return radius * cos(angle)
    }

    /// A normal draw N(mean, standardDeviation²).
    public mutating func gaussian(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * gaussian()
    }

    /// True with probability `p`.
    public mutating func bernoulli(_ p: Double) -> Bool {
        uniform() < p
    }

    /// Shuffles in place (Fisher–Yates, drawing from this generator).
    public mutating func shuffle<C: MutableCollection & RandomAccessCollection>(_ items: inout C)
    where C.Index == Int {
        guard items.count > 1 else { return }
        for offset in stride(from: items.count - 1, to: 0, by: -1) {
            let other = integer(below: offset + 1)
            items.swapAt(items.startIndex + offset, items.startIndex + other)
        }
    }

    /// A random permutation of 0..<count.
    public mutating func permutation(_ count: Int) -> [Int] {
        var indices = Array(0..<count)
        shuffle(&indices)
        return indices
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): spreads a 64-bit seed over xoshiro's state.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@inline(__always)
private func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
}
