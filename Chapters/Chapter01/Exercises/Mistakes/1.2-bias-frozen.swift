// Mistake: only the weights are updated; the bias stays where it was.
// Diagnosis: the bias is not updated
var z = bias
for (w, x) in zip(weights, input) { z += w * x }
let yHat = z > 0 ? 1 : 0
let error = Double(label - yHat)
var newWeights = weights
for j in newWeights.indices { newWeights[j] += eta * error * input[j] }
return (newWeights, bias)
