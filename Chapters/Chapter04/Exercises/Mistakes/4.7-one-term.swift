// Mistake: only the y ln a term differentiated.
// Diagnosis: only the y ln a term was differentiated
a.zipWith(y) { a, y in -y / a }
