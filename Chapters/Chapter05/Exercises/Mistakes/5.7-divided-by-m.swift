// Mistake: the parameter gradients averaged over the m = B·H·W entries instead of the B examples.
// Diagnosis: divided by m = B·H·W
// REPLACE: dGamma[c, 0] = sumGXHat / Double(batch)
// WITH:    dGamma[c, 0] = sumGXHat / Double(m)
// REPLACE: dBeta[c, 0] = sumG / Double(batch)
// WITH:    dBeta[c, 0] = sumG / Double(m)
