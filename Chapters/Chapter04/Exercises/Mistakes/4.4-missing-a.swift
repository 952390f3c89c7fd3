// Mistake: the bracket without the factor aₖ in front.
// Diagnosis: the factor aₖ in front is missing
var result = g
for column in 0..<a.columns {
    var weighted = 0.0
    for row in 0..<a.rows { weighted += a[row, column] * g[row, column] }
    for row in 0..<a.rows { result[row, column] = g[row, column] - weighted }
}
return result
