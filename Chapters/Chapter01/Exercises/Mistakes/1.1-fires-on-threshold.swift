// Mistake: ≥ instead of >, so a weighted input of exactly 0 fires.
// Diagnosis: the perceptron fires when w · x + b = 0
// REPLACE: return z > 0 ? 1 : 0
// WITH:    return z >= 0 ? 1 : 0
