// Mistake: BP2 passes δ down through the weights but forgets the hidden layer's σ′(zˡ).
// Diagnosis: BP2 without σ′(zˡ)
let sigmaPrime: (Matrix) -> Matrix = Activation.sigmoid.derivative
var zs: [Matrix] = []
var activations = [x]
for (w, b) in zip(weights, biases) {
    let z = (w * activations[activations.count - 1]).addingToEachColumn(b)
    zs.append(z)
    activations.append(Activation.sigmoid.value(z))
}
let m = Double(x.columns)
var gradientsW = weights
var gradientsB = biases
var delta = (activations[activations.count - 1] - y) ⊙ sigmaPrime(zs[zs.count - 1])
for l in stride(from: weights.count - 1, through: 0, by: -1) {
    gradientsW[l] = delta * activations[l].transposed / m
    gradientsB[l] = delta.rowSums() / m
    if l > 0 { delta = weights[l].transposed * delta }
}
return (gradientsW, gradientsB)
