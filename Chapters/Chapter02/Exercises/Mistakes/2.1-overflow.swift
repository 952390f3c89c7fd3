// Mistake: eᶻ/(1 + eᶻ) for every z, which is ∞/∞ = NaN once eᶻ overflows.
// Diagnosis: overflows for large positive z
let e = exp(z)
return e / (1 + e)
