// Mistake: the whole fraction asked of a single gate.
// Diagnosis: the k-th root is missing
return log(fraction / (1 - fraction))
