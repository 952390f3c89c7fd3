// Mistake: only the weights' changes are counted; Δb is forgotten.
// Diagnosis: the bias term
// REPLACE: var change = slope * deltaBias
// WITH:    var change = 0.0
