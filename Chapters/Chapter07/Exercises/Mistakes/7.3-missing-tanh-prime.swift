// Mistake: ∂L/∂hₜ taken as the error at the weighted input, without tanh′.
// Diagnosis: the factor 1 − hₜ² (tanh′) is missing
// REPLACE: let delta = dHidden ⊙ hidden.map { 1 - $0 * $0 }
// WITH:    let delta = dHidden
