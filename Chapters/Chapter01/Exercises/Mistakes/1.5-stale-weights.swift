// Mistake: all outputs of the pass computed first, with the starting weights (a batch update).
// Diagnosis: computed with the weights from its start
// REPLACE: var z = b
// WITH:    var z = bias
// REPLACE: for j in w.indices { z += w[j] * x[j] }
// WITH:    for j in weights.indices { z += weights[j] * x[j] }
