// Mistake: δhₜ₋₁ only through the recurrent weights, forgetting that hₜ₋₁ is also mixed straight into hₜ.
// Diagnosis: the direct path δhₜ ⊙ (1 − zₜ) is missing
let (z, r, n, qn, hPrevious) = (cache.gate(0), cache.gate(1), cache.gate(2), cache.recurrentCandidate, cache.previousHidden)
let dan = dh ⊙ z ⊙ (n ⊙ n).map { 1 - $0 }
let daz = dh ⊙ (n - hPrevious) ⊙ z ⊙ z.map { 1 - $0 }
let dar = dan ⊙ qn ⊙ r ⊙ r.map { 1 - $0 }
let dq = stacked([daz, dar, dan ⊙ r])
return GRUStepGradients(dp: stacked([daz, dar, dan]), dq: dq, dhPrevious: W.transposed * dq)
