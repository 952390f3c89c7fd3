// Mistake: the mean over the examples instead of the sum.
// Diagnosis: you averaged over the examples
// REPLACE: return total
// WITH:    return total / Double(z.columns)
