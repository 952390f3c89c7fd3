// Mistake: ≥ instead of >, so among tied pixels (the zeros after a ReLU) the last one wins.
// Diagnosis: on ties the last pixel wins
// REPLACE: for q in (j * s)..<(j * s + s) where x[p, q] > x[bestRow, bestColumn] { (bestRow, bestColumn) = (p, q) }
// WITH:    for q in (j * s)..<(j * s + s) where x[p, q] >= x[bestRow, bestColumn] { (bestRow, bestColumn) = (p, q) }
