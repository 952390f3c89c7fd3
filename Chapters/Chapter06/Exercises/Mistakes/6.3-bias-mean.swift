// Mistake: the bias gradient averaged over the output positions instead of summed.
// Diagnosis: ∂C/∂b is averaged over the positions

// SAME AS REFERENCE
// NEXT REGION
delta.sum() / Double(delta.count)
