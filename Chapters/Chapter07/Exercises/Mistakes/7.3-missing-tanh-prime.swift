// Mistake: ∂L/∂hₜ taken as the error at the weighted input, without tanh′.
// Diagnosis: the factor 1 − hₜ² (tanh′) is missing
let delta = dHidden
return StepGradients(
    delta: delta, dU: delta * x.transposed, dW: delta * hPrevious.transposed, db: delta.rowSums(),
    dPrevious: W.transposed * delta)
