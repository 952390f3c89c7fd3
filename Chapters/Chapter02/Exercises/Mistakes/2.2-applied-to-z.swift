// Mistake: the pattern s(1 − s) applied to z instead of to s = σ(z).
// Diagnosis: applied to z itself
return z * (1 - z)
