// Mistake: the windows placed one pixel apart whatever the stride (the output size is right).
// Diagnosis: the stride is missing
let (h, w) = (x[0].rows, x[0].columns)
let oh = (h - kernelHeight + 2 * padding) / stride + 1
let ow = (w - kernelWidth + 2 * padding) / stride + 1
var patches = Matrix(rows: x.count * kernelHeight * kernelWidth, columns: oh * ow)
for c in 0..<x.count {
    for m in 0..<kernelHeight {
        for n in 0..<kernelWidth {
            for i in 0..<oh {
                for j in 0..<ow {
                    let (p, q) = (i + m - padding, j + n - padding)
                    if p >= 0 && p < h && q >= 0 && q < w {
                        patches[(c * kernelHeight + m) * kernelWidth + n, i * ow + j] = x[c][p, q]
                    }
                }
            }
        }
    }
}
return patches
