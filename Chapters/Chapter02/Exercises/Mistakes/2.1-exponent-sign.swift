// Mistake: e⁺ᶻ where Eq. 2.1 has e⁻ᶻ (this computes σ(−z)).
// Diagnosis: the exponent's sign is flipped
return 1 / (1 + exp(z))
