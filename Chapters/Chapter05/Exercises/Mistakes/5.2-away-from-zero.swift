// Mistake: the penalty added instead of subtracted, so weights move away from zero.
// Diagnosis: AWAY from zero
// REPLACE: w - (eta * lambda / Double(n)) * w.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) } - eta * gradient
// WITH:    w + (eta * lambda / Double(n)) * w.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) } - eta * gradient
