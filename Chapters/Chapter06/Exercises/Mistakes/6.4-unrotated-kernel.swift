// Mistake: the padded δ correlated with the kernel as it is, not turned by 180°.
// Diagnosis: the kernel is not turned by 180°
Matrix(rows: delta.rows + k.rows - 1, columns: delta.columns + k.columns - 1) { p, q in
    var sum = 0.0
    for m in 0..<k.rows {
        for n in 0..<k.columns {
            let (i, j) = (p - k.rows + 1 + m, q - k.columns + 1 + n)
            if i >= 0 && i < delta.rows && j >= 0 && j < delta.columns { sum += delta[i, j] * k[m, n] }
        }
    }
    return sum
}
