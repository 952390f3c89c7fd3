// Mistake: δz_f computed with the new cell state cₜ instead of cₜ₋₁.
// Diagnosis: δz_f uses cₜ
let (f, i, o, g, tanhC) = (cache.forget, cache.inputGate, cache.output, cache.candidate, cache.tanhCell)
let c = f ⊙ cache.previousCell + i ⊙ g
let dcHat = dc + dh ⊙ o ⊙ (tanhC ⊙ tanhC).map { 1 - $0 }
let dz = stacked([
    dcHat ⊙ c ⊙ f ⊙ f.map { 1 - $0 },
    dcHat ⊙ g ⊙ i ⊙ i.map { 1 - $0 },
    dh ⊙ tanhC ⊙ o ⊙ o.map { 1 - $0 },
    dcHat ⊙ i ⊙ (g ⊙ g).map { 1 - $0 },
])
return LSTMStepGradients(dz: dz, dhPrevious: W.transposed * dz, dcPrevious: dcHat ⊙ f)
