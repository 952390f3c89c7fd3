// Mistake: δhₜ₋₁ only through the recurrent weights.
// Diagnosis: the direct path δhₜ ⊙ (1 − fₜ) is missing
let (f, n) = (block(cache.gates, 0, of: 2), block(cache.gates, 1, of: 2))
let (qn, hPrevious) = (cache.recurrentCandidate, cache.previousHidden)
let dan = dh ⊙ f ⊙ (n ⊙ n).map { 1 - $0 }
let daf = (dh ⊙ (n - hPrevious) + dan ⊙ qn) ⊙ f ⊙ f.map { 1 - $0 }
let dq = stacked([daf, dan ⊙ f])
return MinimalGatedStepGradients(dp: stacked([daf, dan]), dq: dq, dhPrevious: W.transposed * dq)
