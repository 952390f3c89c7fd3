// Mistake: the kernel's gradient as a true convolution of the input with δ (δ read backwards).
// Diagnosis: δ is turned by 180°
Matrix(rows: x.rows - delta.rows + 1, columns: x.columns - delta.columns + 1) { m, n in
    var sum = 0.0
    for i in 0..<delta.rows {
        for j in 0..<delta.columns { sum += delta[delta.rows - 1 - i, delta.columns - 1 - j] * x[i + m, j + n] }
    }
    return sum
}
