// Mistake: only the weights are updated; the bias stays where it was.
// Diagnosis: the bias is not updated
// REPLACE: return (newWeights, bias + eta * error)
// WITH:    return (newWeights, bias)
