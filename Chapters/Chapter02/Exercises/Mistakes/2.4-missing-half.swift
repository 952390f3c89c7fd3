// Mistake: the mean squared error, without the ½ of Eq. 2.8.
// Diagnosis: the ½ is missing
var total = 0.0
for (x, y) in zip(xs, ys) {
    let a = Activation.sigmoid.value(w * x + b)
    total += (y - a) * (y - a)
}
return total / Double(xs.count)
