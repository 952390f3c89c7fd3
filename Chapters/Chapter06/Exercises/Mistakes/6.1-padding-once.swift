// Mistake: P zeros added on one side only.
// Diagnosis: the padding is counted on one side only
// REPLACE: (input - kernel + 2 * padding) / stride + 1
// WITH:    (input - kernel + padding) / stride + 1
