// Mistake: the bias is left out of the weighted input.
// Diagnosis: the bias b is missing
// REPLACE: var z = bias
// WITH:    var z = 0.0
