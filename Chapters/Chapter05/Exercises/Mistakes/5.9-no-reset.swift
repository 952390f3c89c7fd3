// Mistake: the count of epochs without improvement is not reset by a halving.
// Diagnosis: after a halving the count of epochs without improvement starts again from 0
var best: Double? = nil
var without = 0
var halvings: [Int] = []
for (index, accuracy) in accuracies.enumerated() {
    if best == nil || accuracy > best! {
        best = accuracy
        without = 0
        continue
    }
    without += 1
    if without >= patience { halvings.append(index + 1) }
}
return halvings
