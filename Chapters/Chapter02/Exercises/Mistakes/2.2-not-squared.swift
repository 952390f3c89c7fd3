// Mistake: the quotient rule's square in the denominator forgotten.
// Diagnosis: the denominator is not squared
return exp(-z) / (1 + exp(-z))
