// Mistake: the mathematicians' convolution (Eq. 6.2): the kernel read backwards.
// Diagnosis: the kernel is turned by 180°
// REPLACE: for n in 0..<k.columns { sum += x[i + m, j + n] * k[m, n] }
// WITH:    for n in 0..<k.columns { sum += x[i + m, j + n] * k[k.rows - 1 - m, k.columns - 1 - n] }
