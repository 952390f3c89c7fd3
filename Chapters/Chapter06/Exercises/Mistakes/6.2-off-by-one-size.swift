// Mistake: H − F_h positions instead of H − F_h + 1 (the last window is lost).
// Diagnosis: one row and one column too small
Matrix(rows: x.rows - k.rows, columns: x.columns - k.columns) { i, j in
    var sum = b
    for m in 0..<k.rows {
        for n in 0..<k.columns { sum += x[i + m, j + n] * k[m, n] }
    }
    return sum
}
