// Mistake: the gradient always rescaled to norm c, even when it was shorter.
// Diagnosis: min(1, c/‖g‖)
let norm = gradients.reduce(0) { $0 + $1.dot($1) }.squareRoot()
return gradients.map { (c / norm) * $0 }
