// Mistake: δ correlated with the turned kernel without the F − 1 zeros of padding ("valid" instead of "full").
// Diagnosis: δ is not padded
Matrix(rows: delta.rows - k.rows + 1, columns: delta.columns - k.columns + 1) { p, q in
    var sum = 0.0
    for m in 0..<k.rows {
        for n in 0..<k.columns { sum += delta[p + m, q + n] * k[k.rows - 1 - m, k.columns - 1 - n] }
    }
    return sum
}
