// Mistake: dividing by every column of δ (examples × positions) instead of by the examples only.
// Diagnosis: instead of B
// REPLACE: let scale = 1 / Double(batch)
// WITH:    let scale = 1 / Double(delta.columns)
