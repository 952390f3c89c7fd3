// Mistake: sgn written as a two-way test, so a zero weight is pushed as if it were positive.
// Diagnosis: sgn(0) came out as +1
// REPLACE: w - (eta * lambda / Double(n)) * w.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) } - eta * gradient
// WITH:    w - (eta * lambda / Double(n)) * w.map { $0 >= 0 ? 1 : -1 } - eta * gradient
