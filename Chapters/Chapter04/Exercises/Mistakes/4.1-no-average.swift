// Mistake: the sum over the training inputs, not the average.
// Diagnosis: without dividing by n
// REPLACE: return -total / Double(outputs.columns)
// WITH:    return -total
