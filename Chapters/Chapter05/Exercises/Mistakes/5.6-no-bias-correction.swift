// Mistake: m and v used as they are, without the corrections for their zero start.
// Diagnosis: the bias corrections are missing
m = beta1 * m + (1 - beta1) * g
v = beta2 * v + (1 - beta2) * (g ⊙ g)
theta = theta - eta * m.zipWith(v) { $0 / ($1.squareRoot() + epsilon) }
