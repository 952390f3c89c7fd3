// Mistake: the bias is left out of the weighted input.
// Diagnosis: the bias b is missing
var z = 0.0
for (w, x) in zip(weights, input) { z += w * x }
return z > 0 ? 1 : 0
