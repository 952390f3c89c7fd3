// Mistake: the arg-max as the position inside the window, not in the input.
// Diagnosis: the arg-max is counted inside the window
// REPLACE: argmax.append(bestRow * x.columns + bestColumn)
// WITH:    argmax.append((bestRow - i * s) * s + bestColumn - j * s)
