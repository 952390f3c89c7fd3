// Mistake: the weighted input returned as it is, without the squashing function.
// Diagnosis: tanh is missing
(U * x + W * hPrevious).addingToEachColumn(b)
