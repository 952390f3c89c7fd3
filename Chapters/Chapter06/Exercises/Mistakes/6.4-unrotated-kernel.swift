// Mistake: the padded δ correlated with the kernel as it is, not turned by 180°.
// Diagnosis: the kernel is not turned by 180°
// REPLACE: let (i, j) = (p - m, q - n)
// WITH:    let (i, j) = (p - k.rows + 1 + m, q - k.columns + 1 + n)
