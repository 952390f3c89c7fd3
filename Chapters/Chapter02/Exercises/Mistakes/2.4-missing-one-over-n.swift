// Mistake: the squared errors are summed and halved, but not averaged over the n examples.
// Diagnosis: 1/n is missing
var total = 0.0
for (x, y) in zip(xs, ys) {
    let a = Activation.sigmoid.value(w * x + b)
    total += (y - a) * (y - a)
}
return total / 2
