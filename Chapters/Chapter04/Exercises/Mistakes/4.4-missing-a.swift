// Mistake: the bracket without the factor aₖ in front.
// Diagnosis: the factor aₖ in front is missing
// REPLACE: for row in 0..<a.rows { result[row, column] = a[row, column] * (g[row, column] - weighted) }
// WITH:    for row in 0..<a.rows { result[row, column] = g[row, column] - weighted }
