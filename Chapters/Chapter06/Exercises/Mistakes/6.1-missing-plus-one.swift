// Mistake: the number of steps the window takes, not the number of positions (the + 1 is missing).
// Diagnosis: the + 1 of Eq. 6.3 is missing
(input - kernel + 2 * padding) / stride
