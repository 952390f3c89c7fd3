// Mistake: the logits multiplied by τ instead of divided (τ = 0.5 then flattens the distribution).
// Diagnosis: multiplied by τ
let scaled = logits.map { $0 * τ }
let peak = scaled.max()!
let exponentials = scaled.map { exp($0 - peak) }
let total = exponentials.reduce(0, +)
return exponentials.map { $0 / total }
