// Mistake: only whole mini-batches are used, so the last n mod m examples never train.
// Diagnosis: the last, smaller mini-batch is skipped
var generator = SeededGenerator(seed: 0)
for start in stride(from: 0, to: order.count - batchSize + 1, by: batchSize) {
    let batch = Array(order[start..<(start + batchSize)])
    let gradients = network.backpropagate(
        inputs.columns(batch), targets.columns(batch), cost: QuadraticCost(), generator: &generator
    ).gradients
    network.updateParameters { parameters in
        for i in parameters.indices { parameters[i].addScaled(gradients[i], by: -eta) }
    }
}
