// Mistake: the gradient sent back through W instead of its transpose.
// Diagnosis: W δₜ was used
let delta = dHidden ⊙ hidden.map { 1 - $0 * $0 }
return StepGradients(
    delta: delta, dU: delta * x.transposed, dW: delta * hPrevious.transposed, db: delta.rowSums(),
    dPrevious: W * delta)
