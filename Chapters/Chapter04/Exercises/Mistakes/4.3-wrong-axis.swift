// Mistake: the sums run along a row (over the examples) instead of down a column (over the classes).
// Diagnosis: you normalised along the rows
var a = z
for row in 0..<z.rows {
    var largest = -Double.infinity
    for column in 0..<z.columns { largest = max(largest, z[row, column]) }
    var total = 0.0
    for column in 0..<z.columns {
        a[row, column] = exp(z[row, column] - largest)
        total += a[row, column]
    }
    for column in 0..<z.columns { a[row, column] /= total }
}
return a
