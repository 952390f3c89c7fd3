// Mistake: the gradients listed from the last step back to the first.
// Diagnosis: reverse order
// REPLACE: for f in forgetGates.reversed() { gradients.insert(gradients[0] ⊙ f, at: 0) }
// WITH:    for f in forgetGates.reversed() { gradients.append(gradients[gradients.count - 1] ⊙ f) }
