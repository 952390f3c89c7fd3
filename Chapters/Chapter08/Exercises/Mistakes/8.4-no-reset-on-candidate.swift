// Mistake: δq taken equal to δp, as if q_n entered the candidate without the reset gate.
// Diagnosis: the candidate block of δq lacks ⊙ rₜ
let (z, r, n, qn, hPrevious) = (cache.gate(0), cache.gate(1), cache.gate(2), cache.recurrentCandidate, cache.previousHidden)
let dan = dh ⊙ z ⊙ (n ⊙ n).map { 1 - $0 }
let daz = dh ⊙ (n - hPrevious) ⊙ z ⊙ z.map { 1 - $0 }
let dar = dan ⊙ qn ⊙ r ⊙ r.map { 1 - $0 }
let dq = stacked([daz, dar, dan])
return GRUStepGradients(dp: stacked([daz, dar, dan]), dq: dq, dhPrevious: W.transposed * dq + dh ⊙ z.map { 1 - $0 })
