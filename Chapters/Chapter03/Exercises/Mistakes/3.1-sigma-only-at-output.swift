// Mistake: σ applied only to the output layer, so the hidden layers are linear.
// Diagnosis: σ is missing in the hidden layers
var activations = [x]
for (l, (w, b)) in zip(weights, biases).enumerated() {
    let z = (w * activations[activations.count - 1]).addingToEachColumn(b)
    activations.append(l == weights.count - 1 ? Activation.sigmoid.value(z) : z)
}
return activations
