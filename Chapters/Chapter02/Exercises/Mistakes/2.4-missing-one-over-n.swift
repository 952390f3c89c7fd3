// Mistake: the squared errors are summed and halved, but not averaged over the n examples.
// Diagnosis: 1/n is missing
// REPLACE: return total / (2 * Double(xs.count))
// WITH:    return total / 2
