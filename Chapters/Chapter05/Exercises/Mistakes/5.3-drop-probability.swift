// Mistake: p read as the probability of dropping an entry (PyTorch's convention).
// Diagnosis: with probability 1 − p
// REPLACE: for _ in 0..<a.count { values.append(generator.uniform() < p ? 1 / p : 0) }
// WITH:    for _ in 0..<a.count { values.append(generator.uniform() < 1 - p ? 1 / p : 0) }
