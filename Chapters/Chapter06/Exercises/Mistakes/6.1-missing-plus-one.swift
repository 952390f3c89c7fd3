// Mistake: the number of steps the window takes, not the number of positions (the + 1 is missing).
// Diagnosis: the + 1 of Eq. 6.3 is missing
// REPLACE: (input - kernel + 2 * padding) / stride + 1
// WITH:    (input - kernel + 2 * padding) / stride
