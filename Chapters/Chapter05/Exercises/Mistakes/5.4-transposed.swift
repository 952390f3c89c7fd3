// Mistake: inputs × outputs, the transpose of wˡ.
// Diagnosis: the matrix is transposed
Matrix.gaussian(inputs, outputs, standardDeviation: 1 / Double(inputs).squareRoot(), using: &generator)
