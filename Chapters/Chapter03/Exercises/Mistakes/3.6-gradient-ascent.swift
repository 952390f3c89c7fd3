// Mistake: the parameters move along the gradient, uphill.
// Diagnosis: uphill
var generator = SeededGenerator(seed: 0)
for start in stride(from: 0, to: order.count, by: batchSize) {
    let batch = Array(order[start..<min(start + batchSize, order.count)])
    let gradients = network.backpropagate(
        inputs.columns(batch), targets.columns(batch), cost: QuadraticCost(), generator: &generator
    ).gradients
    network.updateParameters { parameters in
        for i in parameters.indices { parameters[i].addScaled(gradients[i], by: eta) }
    }
}
