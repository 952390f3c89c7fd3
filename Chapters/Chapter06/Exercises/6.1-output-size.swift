// Exercise 6.1 — the output size of a convolution (Eq. 6.3). Notes: Chapters/Chapter06/README.md, §6.1.
// Check it with `swift run Workbook check 6.1`.

import ExerciseKit
import NeuralCore

/// Eq. 6.3: along one axis, an input of W pixels, a kernel of F, P zeros of padding on each side
/// and a stride S give
///
///     W_out = (W − F + 2P) / S + 1
///
/// outputs. When S does not divide W − F + 2P, the division rounds down: the window's last,
/// partial step does not fit and is dropped. The same formula gives the height from the input's
/// height and the kernel's, and the size after pooling (a window of F = s moved S = s pixels).
///
/// - Parameters:
///   - input: W, the number of input pixels along the axis.
///   - kernel: F, the kernel's size along the axis.
///   - padding: P, the zeros added on EACH side.
///   - stride: S, how many pixels the window moves at a time.
/// - Returns: W_out, how many positions the window takes along the axis.
func outputSize(input: Int, kernel: Int, padding: Int, stride: Int) throws -> Int {
    throw NotDone("6.1")  // replace this line with your code
}
