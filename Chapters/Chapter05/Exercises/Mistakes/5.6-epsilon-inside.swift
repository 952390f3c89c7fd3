// Mistake: ε added under the square root.
// Diagnosis: ε is inside the square root
m = beta1 * m + (1 - beta1) * g
v = beta2 * v + (1 - beta2) * (g ⊙ g)
let mHat = m / (1 - pow(beta1, Double(t)))
let vHat = v / (1 - pow(beta2, Double(t)))
theta = theta - eta * mHat.zipWith(vHat) { $0 / ($1 + epsilon).squareRoot() }
