// Mistake: the bias of AND is too high, so one input on is already enough.
// Diagnosis: your AND perceptron computes OR
([1, 1], -0.5)
