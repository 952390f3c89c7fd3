// Mistake: the gradient sent back through W instead of its transpose.
// Diagnosis: W δₜ was used
// REPLACE: dPrevious: W.transposed * delta)
// WITH:    dPrevious: W * delta)
