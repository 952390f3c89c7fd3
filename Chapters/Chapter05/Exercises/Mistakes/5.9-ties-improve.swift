// Mistake: a tie with the best accuracy counted as an improvement.
// Diagnosis: a tie is not an improvement
var best: Double? = nil
var without = 0
var halvings: [Int] = []
for (index, accuracy) in accuracies.enumerated() {
    if best == nil || accuracy >= best! {
        best = accuracy
        without = 0
        continue
    }
    without += 1
    if without >= patience {
        halvings.append(index + 1)
        without = 0
    }
}
return halvings
