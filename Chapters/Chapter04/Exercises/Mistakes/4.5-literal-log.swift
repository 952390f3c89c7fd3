// Mistake: ln of the literal softmax, e^{z_y} / Σₖ e^{zₖ}, which overflows or takes ln 0.
// Diagnosis: non-finite
var total = 0.0
for column in 0..<z.columns {
    var sum = 0.0
    for row in 0..<z.rows { sum += exp(z[row, column]) }
    total -= log(exp(z[labels[column], column]) / sum)
}
return total
