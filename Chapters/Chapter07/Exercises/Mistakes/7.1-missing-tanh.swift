// Mistake: the weighted input returned as it is, without the squashing function.
// Diagnosis: tanh is missing
// REPLACE: Activation.tanh.value((U * x + W * hPrevious).addingToEachColumn(b))
// WITH:    (U * x + W * hPrevious).addingToEachColumn(b)
