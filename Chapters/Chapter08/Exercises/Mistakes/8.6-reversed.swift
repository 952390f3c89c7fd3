// Mistake: the gradients listed from the last step back to the first.
// Diagnosis: reverse order
var gradients = [dcLast]
for f in forgetGates.reversed() { gradients.append(gradients[gradients.count - 1] ⊙ f) }
return gradients
