// Mistake: the ½ of the penalty (λ/2n)Σw² carried into the step.
// Diagnosis: the decay factor is 1 − ηλ/(2n)
// REPLACE: (1 - eta * lambda / Double(n)) * w - eta * gradient
// WITH:    (1 - eta * lambda / (2 * Double(n))) * w - eta * gradient
