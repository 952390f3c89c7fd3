// Mistake: the update gate on the old state, as PyTorch writes it — the opposite of Eq. 8.10.
// Diagnosis: the roles of zₜ and 1 − zₜ are swapped
// REPLACE: return z.map { 1 - $0 } ⊙ hPrevious + z ⊙ n
// WITH:    return z ⊙ hPrevious + z.map { 1 - $0 } ⊙ n
