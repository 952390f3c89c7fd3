// Mistake: dividing by every column of δ (examples × positions) instead of by the examples only.
// Diagnosis: instead of B
let scale = 1 / Double(delta.columns)
return (scale * (delta * patches.transposed), scale * delta.rowSums(), weights.transposed * delta)
