// Mistake: inputs × outputs, the transpose of wˡ.
// Diagnosis: the matrix is transposed
// REPLACE: Matrix.gaussian(outputs, inputs, standardDeviation: 1 / Double(inputs).squareRoot(), using: &generator)
// WITH:    Matrix.gaussian(inputs, outputs, standardDeviation: 1 / Double(inputs).squareRoot(), using: &generator)
