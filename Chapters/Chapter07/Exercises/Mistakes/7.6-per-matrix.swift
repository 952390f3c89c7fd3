// Mistake: every parameter's gradient clipped on its own, by its own norm.
// Diagnosis: clipped by its own norm
return gradients.map { g in
    let norm = g.dot(g).squareRoot()
    return norm > c ? (c / norm) * g : g
}
