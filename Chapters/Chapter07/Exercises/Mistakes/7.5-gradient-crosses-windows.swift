// Mistake: the whole sequence in one backward pass — nothing is truncated.
// Diagnosis: the gradient crosses window boundaries
let whole = model.lossAndGradients(inputs: inputs, targets: targets)
return (whole.loss, whole.gradients, whole.finalState)
