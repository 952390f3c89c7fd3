// Mistake: σ of the gate value, instead of the inverse of σ.
// Diagnosis: σ was applied where its inverse belongs
let f = pow(fraction, 1 / Double(steps))
return 1 / (1 + exp(-f))
