// Mistake: every window starts again from h = 0, so the windows forget what came before.
// Diagnosis: the hidden state is not carried
var loss = 0.0
var gradients = model.parameters.map { Matrix.zeros($0.rows, $0.columns) }
var state: [Matrix] = []
for start in stride(from: 0, to: inputs.count, by: k) {
    let end = min(start + k, inputs.count)
    let part = model.lossAndGradients(inputs: Array(inputs[start..<end]), targets: Array(targets[start..<end]))
    loss += part.loss
    for index in gradients.indices { gradients[index] += part.gradients[index] }
    state = part.finalState
}
return (loss, gradients, state)
