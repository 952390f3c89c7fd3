// Mistake: the output gate applied to the raw cell state.
// Diagnosis: tanh(cₜ) is missing
// REPLACE: return (o ⊙ Activation.tanh.value(c), c)
// WITH:    return (o ⊙ c, c)
