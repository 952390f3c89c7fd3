// Mistake: ≥ instead of >, so a weighted input of exactly 0 fires.
// Diagnosis: the perceptron fires when w · x + b = 0
var z = bias
for (w, x) in zip(weights, input) { z += w * x }
return z >= 0 ? 1 : 0
