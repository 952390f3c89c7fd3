// Mistake: ŷ − y instead of y − ŷ (the line moves away from the misclassified point).
// Diagnosis: the sign is flipped
// REPLACE: let error = Double(label - yHat)
// WITH:    let error = Double(yHat - label)
