// Mistake: σ applied only to the output layer, so the hidden layers are linear.
// Diagnosis: σ is missing in the hidden layers
// REPLACE: for (w, b) in zip(weights, biases) {
// WITH:    for (l, (w, b)) in zip(weights, biases).enumerated() {
// REPLACE: activations.append(Activation.sigmoid.value(z))
// WITH:    activations.append(l == weights.count - 1 ? Activation.sigmoid.value(z) : z)
