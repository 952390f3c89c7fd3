// Mistake: ε added under the square root.
// Diagnosis: ε is inside the square root
// REPLACE: theta = theta - eta * mHat.zipWith(vHat) { $0 / ($1.squareRoot() + epsilon) }
// WITH:    theta = theta - eta * mHat.zipWith(vHat) { $0 / ($1 + epsilon).squareRoot() }
