// Mistake: the arg-max as the position inside the window, not in the input.
// Diagnosis: the arg-max is counted inside the window
let (rows, columns) = ((x.rows - s) / s + 1, (x.columns - s) / s + 1)
var pooled = Matrix(rows: rows, columns: columns)
var argmax: [Int] = []
for i in 0..<rows {
    for j in 0..<columns {
        var (bestRow, bestColumn) = (i * s, j * s)
        for p in (i * s)..<(i * s + s) {
            for q in (j * s)..<(j * s + s) where x[p, q] > x[bestRow, bestColumn] { (bestRow, bestColumn) = (p, q) }
        }
        pooled[i, j] = x[bestRow, bestColumn]
        argmax.append((bestRow - i * s) * s + bestColumn - j * s)
    }
}
return (pooled, argmax)
