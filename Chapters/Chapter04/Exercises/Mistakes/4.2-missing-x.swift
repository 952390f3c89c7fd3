// Mistake: ∂C/∂w without the input x (invisible at x = 1).
// Diagnosis: the factor x is missing from ∂C/∂w
let a = Activation.sigmoid.value(w * x + b)
return (a - y, a - y)
