// σ and tanh over a buffer of doubles, compiled once per instruction set (AVX-512, AVX2,
// baseline) and picked for the CPU when the program loads. NeuralCore's VectorMath wraps them.

#ifndef NEURAL_WORKBOOK_VECTOR_MATH_H
#define NEURAL_WORKBOOK_VECTOR_MATH_H

/// x[e] ← 1 / (1 + e^(−x[e])) for e in [0, count).
void nw_sigmoid_in_place(double *x, long count);

/// x[e] ← 2 / (1 + e^(−2 x[e])) − 1 = tanh x[e] for e in [0, count).
void nw_tanh_in_place(double *x, long count);

#endif
