// Mistake: the gradients of the summed cost for the parameters (Eq. 6.8 as printed), not of the mean the core wants.
// Diagnosis: the 1/B is missing
return (delta * patches.transposed, delta.rowSums(), weights.transposed * delta)
