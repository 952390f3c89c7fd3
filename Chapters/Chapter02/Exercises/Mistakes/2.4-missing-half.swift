// Mistake: the mean squared error, without the ½ of Eq. 2.8.
// Diagnosis: the ½ is missing
// REPLACE: return total / (2 * Double(xs.count))
// WITH:    return total / Double(xs.count)
