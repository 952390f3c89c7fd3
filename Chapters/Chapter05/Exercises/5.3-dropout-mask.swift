// Exercise 5.3 — the inverted-dropout mask (Eq. 5.7). Notes: Chapters/Chapter05/README.md, §5.4.
// Check it with `swift run Workbook check 5.3`.

import ExerciseKit
import NeuralCore

/// Eq. 5.7 — an inverted-dropout mask shaped like the activations a:
///
///     mⱼ = 1/p with probability p,  0 otherwise,        so  E[m ⊙ a] = p · a/p = a
///
/// p is the probability of KEEPING an entry (PyTorch's `nn.Dropout(p)` takes the probability of
/// dropping one). Because the kept entries are scaled by 1/p, nothing needs rescaling at test time.
///
/// Draw exactly one `generator.uniform()` (uniform in [0, 1)) per entry, in storage order (entry
/// k of `a.elements`), and keep the entry when that number is < p. This is the convention of the
/// core's `Dropout`, so your masks can be compared with its masks draw for draw, and your mask
/// can replace its mask inside a real network.
///
/// - Returns: the mask, shaped like a.
///
/// Useful: `Matrix(rows: a.rows, columns: a.columns, elements: values)` builds a matrix from its
/// entries in storage order (row by row); `a.count` is the number of entries.
func dropoutMask(like a: Matrix, keep p: Double, using generator: inout SeededGenerator) throws -> Matrix {
    throw NotDone("5.3")  // replace this line with your code
}
