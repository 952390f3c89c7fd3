// Mistake: only the weights' changes are counted; Δb is forgotten.
// Diagnosis: the bias term
var z = bias
for (w, x) in zip(weights, input) { z += w * x }
let slope = Activation.sigmoid.derivative(z)
var change = 0.0
for (dw, x) in zip(deltaWeights, input) { change += slope * x * dw }
return change
