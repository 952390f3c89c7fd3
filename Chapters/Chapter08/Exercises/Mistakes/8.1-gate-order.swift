// Mistake: the blocks read as i, f, o, g (the order of some papers), not the order of Eq. 8.1.
// Diagnosis: the gate blocks are read in the wrong order
// REPLACE: let f = Activation.sigmoid.value(block(z, 0, of: 4))
// WITH:    let i = Activation.sigmoid.value(block(z, 0, of: 4))
// REPLACE: let i = Activation.sigmoid.value(block(z, 1, of: 4))
// WITH:    let f = Activation.sigmoid.value(block(z, 1, of: 4))
