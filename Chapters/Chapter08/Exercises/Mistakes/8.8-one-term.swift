// Mistake: the gate's gradient from the mixing of Eq. 8.14 only, as in the GRU's update gate.
// Diagnosis: fₜ also sits inside the candidate
let (f, n) = (block(cache.gates, 0, of: 2), block(cache.gates, 1, of: 2))
let (qn, hPrevious) = (cache.recurrentCandidate, cache.previousHidden)
let dan = dh ⊙ f ⊙ (n ⊙ n).map { 1 - $0 }
let daf = (dh ⊙ (n - hPrevious)) ⊙ f ⊙ f.map { 1 - $0 }
let dq = stacked([daf, dan ⊙ f])
_ = qn
return MinimalGatedStepGradients(
    dp: stacked([daf, dan]), dq: dq, dhPrevious: W.transposed * dq + dh ⊙ f.map { 1 - $0 })
