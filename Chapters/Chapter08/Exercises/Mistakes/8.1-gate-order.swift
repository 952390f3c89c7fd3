// Mistake: the blocks read as i, f, o, g (the order of some papers), not the order of Eq. 8.1.
// Diagnosis: the gate blocks are read in the wrong order
let z = (U * x + W * hPrevious).addingToEachColumn(b)
let i = Activation.sigmoid.value(block(z, 0, of: 4))
let f = Activation.sigmoid.value(block(z, 1, of: 4))
let o = Activation.sigmoid.value(block(z, 2, of: 4))
let g = Activation.tanh.value(block(z, 3, of: 4))
let c = f ⊙ cPrevious + i ⊙ g
return (o ⊙ Activation.tanh.value(c), c)
