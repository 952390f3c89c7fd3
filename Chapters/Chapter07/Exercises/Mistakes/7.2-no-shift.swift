// Mistake: the loss as the log of a stored probability, with no shift by the largest logit.
// Diagnosis: non-finite

// SAME AS REFERENCE
// NEXT REGION
var total = 0.0
for (t, y) in targets.enumerated() {
    let column = logits.column(t)
    total -= log(exp(column[y]) / column.reduce(0) { $0 + exp($1) })
}
return total
