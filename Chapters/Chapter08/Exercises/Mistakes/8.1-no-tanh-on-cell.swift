// Mistake: the output gate applied to the raw cell state.
// Diagnosis: tanh(cₜ) is missing
let z = (U * x + W * hPrevious).addingToEachColumn(b)
let f = Activation.sigmoid.value(block(z, 0, of: 4))
let i = Activation.sigmoid.value(block(z, 1, of: 4))
let o = Activation.sigmoid.value(block(z, 2, of: 4))
let g = Activation.tanh.value(block(z, 3, of: 4))
let c = f ⊙ cPrevious + i ⊙ g
return (o ⊙ c, c)
