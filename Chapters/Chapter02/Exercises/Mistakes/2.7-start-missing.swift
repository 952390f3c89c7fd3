// Mistake: the path holds the points after each step but not the start.
// Diagnosis: the path must begin with the starting point
// REPLACE: var path = [(w: w, b: b)]
// WITH:    var path: [(w: Double, b: Double)] = []
