// Mistake: δĉₜ from the path through hₜ alone, dropping the δcₜ that arrives from step t + 1.
// Diagnosis: δcₜ, the gradient reaching cₜ from step t + 1, is missing
let (f, i, o, g, tanhC) = (cache.forget, cache.inputGate, cache.output, cache.candidate, cache.tanhCell)
let dcHat = dh ⊙ o ⊙ (tanhC ⊙ tanhC).map { 1 - $0 }
let dz = stacked([
    dcHat ⊙ cache.previousCell ⊙ f ⊙ f.map { 1 - $0 },
    dcHat ⊙ g ⊙ i ⊙ i.map { 1 - $0 },
    dh ⊙ tanhC ⊙ o ⊙ o.map { 1 - $0 },
    dcHat ⊙ i ⊙ (g ⊙ g).map { 1 - $0 },
])
return LSTMStepGradients(dz: dz, dhPrevious: W.transposed * dz, dcPrevious: dcHat ⊙ f)
