// Mistake: only the y ln a term differentiated.
// Diagnosis: only the y ln a term was differentiated
// REPLACE: a.zipWith(y) { a, y in (a - y) / (a * (1 - a)) }
// WITH:    a.zipWith(y) { a, y in -y / a }
