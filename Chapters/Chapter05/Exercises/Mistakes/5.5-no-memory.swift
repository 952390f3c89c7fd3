// Mistake: the velocity forgets its past: plain SGD.
// Diagnosis: μ is missing
// REPLACE: v = mu * v - eta * g
// WITH:    v = -eta * g
