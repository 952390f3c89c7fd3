// Mistake: the rows ordered by kernel offset first and channel last, (m·F_w + n)·C_in + c.
// Diagnosis: the rows are ordered (m, n, c), channel last
// REPLACE: patches[(c * kernelHeight + m) * kernelWidth + n, i * ow + j] = x[c][p, q]
// WITH:    patches[(m * kernelWidth + n) * x.count + c, i * ow + j] = x[c][p, q]
