// Mistake: the mathematicians' convolution (Eq. 6.2): the kernel read backwards.
// Diagnosis: the kernel is turned by 180°
Matrix(rows: x.rows - k.rows + 1, columns: x.columns - k.columns + 1) { i, j in
    var sum = b
    for m in 0..<k.rows {
        for n in 0..<k.columns { sum += x[i + m, j + n] * k[k.rows - 1 - m, k.columns - 1 - n] }
    }
    return sum
}
