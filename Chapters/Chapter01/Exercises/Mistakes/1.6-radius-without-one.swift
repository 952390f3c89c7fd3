// Mistake: R measured on the inputs x instead of the augmented x̃ = (x, 1).
// Diagnosis: R leaves out the constant input 1
// REPLACE: radius = max(radius, x.reduce(0) { $0 + $1 * $1 }.squareRoot())
// WITH:    radius = max(radius, point.reduce(0) { $0 + $1 * $1 }.squareRoot())
