// Exercise 5.5 — one step of momentum (Eq. 5.10). Notes: Chapters/Chapter05/README.md, §5.6.
// Check it with `swift run Workbook check 5.5`.

import ExerciseKit
import NeuralCore

/// Eq. 5.10 — one step of gradient descent with momentum, entry by entry:
///
///     v ← μv − ηg,    θ ← θ + v
///
/// The velocity v starts at zero and is kept from step to step; with a steady gradient it grows
/// towards −ηg/(1 − μ), ten times a plain step for μ = 0.9. Update v first, then move θ by the
/// NEW velocity.
///
/// - Parameters:
///   - theta: the parameters θ, updated in place.
///   - v: the velocity, shaped like θ, updated in place.
///   - g: the gradient ∇C at θ.
///   - eta: the learning rate η.
///   - mu: the momentum coefficient μ.
func momentumStep(theta: inout Matrix, velocity v: inout Matrix, gradient g: Matrix, eta: Double, mu: Double) throws {
    throw NotDone("5.5")  // replace this line with your code
}
