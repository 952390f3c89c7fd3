// Mistake: the original (not inverted) dropout mask, 1 for a kept entry.
// Diagnosis: the kept entries are 1, not 1/p
// REPLACE: for _ in 0..<a.count { values.append(generator.uniform() < p ? 1 / p : 0) }
// WITH:    for _ in 0..<a.count { values.append(generator.uniform() < p ? 1 : 0) }
