// Mistake: only whole mini-batches are used, so the last n mod m examples never train.
// Diagnosis: the last, smaller mini-batch is skipped
// REPLACE: var generator = SeededGenerator(seed: 0)  // a dense network without dropout draws nothing
// WITH:    var generator = SeededGenerator(seed: 0)
// REPLACE: for start in stride(from: 0, to: order.count, by: batchSize) {
// WITH:    for start in stride(from: 0, to: order.count - batchSize + 1, by: batchSize) {
// REPLACE: let batch = Array(order[start..<min(start + batchSize, order.count)])
// WITH:    let batch = Array(order[start..<(start + batchSize)])
