// The same eˣ as VectorMath.exp in NeuralCore (see there for the derivation), operation for
// operation: the range reduction x = k ln 2 + r, the Taylor polynomial of eʳ to r¹³ by Horner's
// rule, 2ᵏ assembled in the exponent bits. Contraction into fused multiply-adds is off, so every
// instruction set computes the same IEEE operations and the results equal the Swift loop's bit for
// bit; what the wider instruction sets change is only how many entries one instruction handles.

#include "vector_math.h"

#include <stdint.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

#if defined(__x86_64__) && defined(__linux__)
#define NW_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define NW_CLONES
#endif

static const double rounding_shift = 6755399441055744.0;  // 1.5 · 2⁵²
static const double log2e = 1.4426950408889634;
static const double ln2_high = 0.69314718036912381649;
static const double ln2_low = 1.9082149292705877e-10;

static inline double nw_exp(double x) {
    // Swift.max(x, −708) then Swift.min(·, 709), NaN passing through as in Swift.
    double low = -708.0 >= x ? -708.0 : x;
    double clamped = 709.0 < low ? 709.0 : low;
    double shifted = clamped * log2e + rounding_shift;
    double k = shifted - rounding_shift;
    double r = (clamped - k * ln2_high) - k * ln2_low;
    double p = 1.0 / 6227020800.0;
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    int64_t shifted_bits, shift_bits;
    memcpy(&shifted_bits, &shifted, sizeof shifted_bits);
    memcpy(&shift_bits, &rounding_shift, sizeof shift_bits);
    // Wrapping integer arithmetic, as Swift's &- and &+.
    uint64_t exponent = ((uint64_t)shifted_bits - (uint64_t)shift_bits + 1023u) << 52;
    double two_to_k;
    memcpy(&two_to_k, &exponent, sizeof two_to_k);
    return p * two_to_k;
}

NW_CLONES void nw_sigmoid_in_place(double *x, long count) {
    for (long e = 0; e < count; e++) x[e] = 1.0 / (1.0 + nw_exp(-x[e]));
}

NW_CLONES void nw_tanh_in_place(double *x, long count) {
    for (long e = 0; e < count; e++) x[e] = 2.0 / (1.0 + nw_exp(-2.0 * x[e])) - 1.0;
}
