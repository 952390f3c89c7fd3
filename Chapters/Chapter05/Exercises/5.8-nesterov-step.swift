// Exercise 5.8 — one step of Nesterov's momentum (Eq. 5.11). Notes: Chapters/Chapter05/README.md,
// §5.6. Check it with `swift run Workbook check 5.8`.

import ExerciseKit
import NeuralCore

/// Eq. 5.11 — one step of Nesterov's method in the form of Sutskever et al. (2013), entry by entry,
/// with the gradient g taken at the current θ:
///
///     v ← μv − ηg,    θ ← θ + μv − ηg        (with the NEW v)
///
/// Compare momentum (Eq. 5.10, exercise 5.5), θ ← θ + v = θ + μv_old − ηg: Nesterov carries the new
/// velocity once more by μ, stepping from where momentum is about to take it.
///
/// - Parameters:
///   - theta: the parameters θ, updated in place.
///   - v: the velocity, shaped like θ, updated in place.
///   - g: the gradient ∇C at θ.
///   - eta: the learning rate η.
///   - mu: the momentum coefficient μ.
func nesterovStep(theta: inout Matrix, velocity v: inout Matrix, gradient g: Matrix, eta: Double, mu: Double) throws {
    throw NotDone("5.8")  // replace this line with your code
}
