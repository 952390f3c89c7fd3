// Mistake: the windows placed one pixel apart whatever the stride (the output size is right).
// Diagnosis: the stride is missing
// REPLACE: let (p, q) = (i * stride + m - padding, j * stride + n - padding)
// WITH:    let (p, q) = (i + m - padding, j + n - padding)
