// Mistake: μ and σ² treated as constants: only the direct path, the inference-mode gradient.
// Diagnosis: μ and σ² were treated as constants
var dx = Matrix(rows: g.rows, columns: g.columns)
var dGamma = Matrix(rows: g.rows, columns: 1)
var dBeta = Matrix(rows: g.rows, columns: 1)
for c in 0..<g.rows {
    var sumG = 0.0
    var sumGXHat = 0.0
    for i in 0..<g.columns {
        sumG += g[c, i]
        sumGXHat += g[c, i] * xHat[c, i]
        dx[c, i] = inverseStandardDeviation[c] * gamma[c, 0] * g[c, i]
    }
    dGamma[c, 0] = sumGXHat / Double(batch)
    dBeta[c, 0] = sumG / Double(batch)
}
return (dx, dGamma, dBeta)
