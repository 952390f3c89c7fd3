// Mistake: softmax treated like an entry-wise activation, with σ′-like derivative a(1 − a).
// Diagnosis: only the diagonal
return a.map { $0 * (1 - $0) } ⊙ g
