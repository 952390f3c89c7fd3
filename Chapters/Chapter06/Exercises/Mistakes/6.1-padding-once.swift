// Mistake: P zeros added on one side only.
// Diagnosis: the padding is counted on one side only
(input - kernel + padding) / stride + 1
