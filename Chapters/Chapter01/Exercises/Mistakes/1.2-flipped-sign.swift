// Mistake: ŷ − y instead of y − ŷ (the line moves away from the misclassified point).
// Diagnosis: the sign is flipped
var z = bias
for (w, x) in zip(weights, input) { z += w * x }
let yHat = z > 0 ? 1 : 0
let error = Double(yHat - label)
var newWeights = weights
for j in newWeights.indices { newWeights[j] += eta * error * input[j] }
return (newWeights, bias + eta * error)
