// Mistake: the parameter gradients averaged over the m = B·H·W entries instead of the B examples.
// Diagnosis: divided by m = B·H·W
let m = g.columns
var dx = Matrix(rows: g.rows, columns: m)
var dGamma = Matrix(rows: g.rows, columns: 1)
var dBeta = Matrix(rows: g.rows, columns: 1)
for c in 0..<g.rows {
    var sumG = 0.0
    var sumGXHat = 0.0
    for i in 0..<m {
        sumG += g[c, i]
        sumGXHat += g[c, i] * xHat[c, i]
    }
    dGamma[c, 0] = sumGXHat / Double(m)
    dBeta[c, 0] = sumG / Double(m)
    let meanDXHat = gamma[c, 0] * sumG / Double(m)
    let meanDXHatTimesXHat = gamma[c, 0] * sumGXHat / Double(m)
    for i in 0..<m {
        dx[c, i] = inverseStandardDeviation[c] * (gamma[c, 0] * g[c, i] - meanDXHat - xHat[c, i] * meanDXHatTimesXHat)
    }
}
return (dx, dGamma, dBeta)
