// Mistake: σ of the gate value, instead of the inverse of σ.
// Diagnosis: σ was applied where its inverse belongs
// REPLACE: return log(f / (1 - f))
// WITH:    return 1 / (1 + exp(-f))
