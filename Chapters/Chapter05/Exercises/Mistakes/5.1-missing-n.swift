// Mistake: the decay factor without the training-set size.
// Diagnosis: the 1/n of Eq. 5.1 is missing
// REPLACE: (1 - eta * lambda / Double(n)) * w - eta * gradient
// WITH:    (1 - eta * lambda) * w - eta * gradient
