// Mistake: the quadratic cost's gradient (Eq. 4.1), σ′(z) and all.
// Diagnosis: σ′(z) is still there
let z = w * x + b
let a = Activation.sigmoid.value(z)
return ((a - y) * Activation.sigmoid.derivative(z) * x, (a - y) * Activation.sigmoid.derivative(z))
