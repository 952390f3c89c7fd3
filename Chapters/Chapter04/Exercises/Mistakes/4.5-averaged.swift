// Mistake: the mean over the examples instead of the sum.
// Diagnosis: you averaged over the examples
var total = 0.0
for column in 0..<z.columns {
    var largest = -Double.infinity
    for row in 0..<z.rows { largest = max(largest, z[row, column]) }
    var sum = 0.0
    for row in 0..<z.rows { sum += exp(z[row, column] - largest) }
    total -= (z[labels[column], column] - largest) - log(sum)
}
return total / Double(z.columns)
