// Mistake: Eq. 4.4 written literally, without subtracting the largest logit.
// Diagnosis: an exponential that overflowed
var a = z
for column in 0..<z.columns {
    var total = 0.0
    for row in 0..<z.rows {
        a[row, column] = exp(z[row, column])
        total += a[row, column]
    }
    for row in 0..<z.rows { a[row, column] /= total }
}
return a
