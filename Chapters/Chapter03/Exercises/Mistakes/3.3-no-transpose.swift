// Mistake: the weights used as they are, not transposed (this only runs when wˡ⁺¹ is square).
// Diagnosis: the transpose of wˡ⁺¹ is missing
// REPLACE: (weightsAbove.transposed * deltaAbove) ⊙ Activation.sigmoid.derivative(weightedInputs)
// WITH:    (weightsAbove * deltaAbove) ⊙ Activation.sigmoid.derivative(weightedInputs)
