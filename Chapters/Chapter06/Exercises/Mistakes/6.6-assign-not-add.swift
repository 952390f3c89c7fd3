// Mistake: = instead of +=, so a pixel that wins several overlapping windows keeps only one gradient.
// Diagnosis: keeps only the last gradient
var dx = Matrix(rows: inputRows, columns: inputColumns)
for (r, winner) in argmax.enumerated() { dx[winner / inputColumns, winner % inputColumns] = g.elements[r] }
return dx
