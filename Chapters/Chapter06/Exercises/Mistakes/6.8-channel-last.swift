// Mistake: the rows ordered by kernel offset first and channel last, (m·F_w + n)·C_in + c.
// Diagnosis: the rows are ordered (m, n, c), channel last
let (h, w) = (x[0].rows, x[0].columns)
let oh = (h - kernelHeight + 2 * padding) / stride + 1
let ow = (w - kernelWidth + 2 * padding) / stride + 1
var patches = Matrix(rows: x.count * kernelHeight * kernelWidth, columns: oh * ow)
for c in 0..<x.count {
    for m in 0..<kernelHeight {
        for n in 0..<kernelWidth {
            for i in 0..<oh {
                for j in 0..<ow {
                    let (p, q) = (i * stride + m - padding, j * stride + n - padding)
                    if p >= 0 && p < h && q >= 0 && q < w {
                        patches[(m * kernelWidth + n) * x.count + c, i * ow + j] = x[c][p, q]
                    }
                }
            }
        }
    }
}
return patches
