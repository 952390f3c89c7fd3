// Mistake: the biases are left out of zˡ.
// Diagnosis: the biases bˡ are missing
var activations = [x]
for w in weights {
    activations.append(Activation.sigmoid.value(w * activations[activations.count - 1]))
}
return activations
