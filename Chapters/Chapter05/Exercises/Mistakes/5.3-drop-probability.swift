// Mistake: p read as the probability of dropping an entry (PyTorch's convention).
// Diagnosis: with probability 1 − p
var values: [Double] = []
for _ in 0..<a.count { values.append(generator.uniform() < 1 - p ? 1 / p : 0) }
return Matrix(rows: a.rows, columns: a.columns, elements: values)
