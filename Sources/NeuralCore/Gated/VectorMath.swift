// A branch-free eˣ, σ and tanh, so that the gate loops can be vectorized: the libm functions are
// calls an optimizer cannot look into, and one LSTM step needs five of them per unit and
// sequence — as much time as its matrix products. The scalar functions below are the definition
// (and what the tests check against libm); the cells call the in-place loops over whole gate
// blocks, which run the same operations in C (CVectorMath), compiled for AVX-512 and AVX2 as well
// as baseline x86-64, because Swift compiles for the baseline's two doubles per instruction only.
// A test checks that both give the same bits.

import CVectorMath

/// Element-wise exponentials for the gate nonlinearities, accurate to a couple of ulps.
public enum VectorMath {
    /// 1.5 · 2⁵²: adding it rounds a double of magnitude below 2⁵¹ to an integer and leaves that
    /// integer in the low bits of the sum's bit pattern.
    private static let roundingShift = 6_755_399_441_055_744.0
    private static let log2e = 1.442_695_040_888_963_4
    /// ln 2 split in a high part with trailing zero bits and a low correction (Cody & Waite), so
    /// k · ln2High is exact and x − k ln 2 loses nothing.
    private static let ln2High = 0.693_147_180_369_123_816_49
    private static let ln2Low = 1.908_214_929_270_587_7e-10

    /// eˣ: x = k ln 2 + r with |r| ≤ ln 2 / 2, eʳ by its Taylor polynomial to r¹³ (truncation
    /// below 2·10⁻¹⁶ relative), and 2ᵏ assembled in the exponent bits. Inputs are clamped to
    /// [−708, 709], where the result stays a normal double.
    @inline(__always) static func exp(_ x: Double) -> Double {
        let clamped = Swift.min(Swift.max(x, -708.0), 709.0)
        let shifted = clamped * log2e + roundingShift
        let k = shifted - roundingShift
        let r = (clamped - k * ln2High) - k * ln2Low
        // Horner's rule for Σ rⁿ/n!, n = 0…13.
        var p = 1.0 / 6_227_020_800.0
        p = p * r + 1.0 / 479_001_600.0
        p = p * r + 1.0 / 39_916_800.0
        p = p * r + 1.0 / 3_628_800.0
        p = p * r + 1.0 / 362_880.0
        p = p * r + 1.0 / 40_320.0
        p = p * r + 1.0 / 5_040.0
        p = p * r + 1.0 / 720.0
        p = p * r + 1.0 / 120.0
        p = p * r + 1.0 / 24.0
        p = p * r + 1.0 / 6.0
        p = p * r + 0.5
        p = p * r + 1.0
        p = p * r + 1.0
        // k sits in the low bits of `shifted`; 2ᵏ has biased exponent k + 1023.
        let integerK = shifted.bitPattern &- roundingShift.bitPattern
        let twoToK = Double(bitPattern: (integerK &+ 1023) << 52)
        return p * twoToK
    }

    /// σ(x) = 1 / (1 + e⁻ˣ).
    @inline(__always) static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// tanh x = 2σ(2x) − 1 (absolute error about 10⁻¹⁶; relative error grows only for |x| ≪ 1,
    /// where tanh x ≈ x is tiny anyway).
    @inline(__always) static func tanh(_ x: Double) -> Double { 2 / (1 + exp(-2 * x)) - 1 }

    /// Replaces every entry of `buffer[range]` by its σ, exactly as `sigmoid` (in C, for the CPU's
    /// widest vectors).
    public static func sigmoidInPlace(_ buffer: UnsafeMutableBufferPointer<Double>, _ range: Range<Int>) {
        precondition(
            range.lowerBound >= 0 && range.upperBound <= buffer.count, "sigmoidInPlace: \(range) outside the buffer")
        guard let base = buffer.baseAddress, !range.isEmpty else { return }
        nw_sigmoid_in_place(base + range.lowerBound, range.count)
    }

    /// Replaces every entry of `buffer[range]` by its tanh, exactly as `tanh` (in C, for the CPU's
    /// widest vectors).
    public static func tanhInPlace(_ buffer: UnsafeMutableBufferPointer<Double>, _ range: Range<Int>) {
        precondition(
            range.lowerBound >= 0 && range.upperBound <= buffer.count, "tanhInPlace: \(range) outside the buffer")
        guard let base = buffer.baseAddress, !range.isEmpty else { return }
        nw_tanh_in_place(base + range.lowerBound, range.count)
    }
}
