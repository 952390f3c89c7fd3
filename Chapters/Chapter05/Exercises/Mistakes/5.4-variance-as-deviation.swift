// Mistake: 1/n_in passed as the standard deviation (it is the variance).
// Diagnosis: Eq. 5.8 gives the VARIANCE 1/n_in
// REPLACE: Matrix.gaussian(outputs, inputs, standardDeviation: 1 / Double(inputs).squareRoot(), using: &generator)
// WITH:    Matrix.gaussian(outputs, inputs, standardDeviation: 1 / Double(inputs), using: &generator)
