// Mistake: δĉₜ from the path through hₜ alone, dropping the δcₜ that arrives from step t + 1.
// Diagnosis: δcₜ, the gradient reaching cₜ from step t + 1, is missing
// REPLACE: let dcHat = dc + dh ⊙ o ⊙ (tanhC ⊙ tanhC).map { 1 - $0 }
// WITH:    let dcHat = dh ⊙ o ⊙ (tanhC ⊙ tanhC).map { 1 - $0 }
