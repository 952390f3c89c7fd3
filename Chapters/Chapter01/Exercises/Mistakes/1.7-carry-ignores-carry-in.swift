// Mistake: the full adder's carry is the half adder's, a ∧ b, as if no carry came in.
// Diagnosis: the carry ignores the incoming carry
let n1 = nand(a, b)
let partial = nand(nand(a, n1), nand(b, n1))
let m1 = nand(partial, carryIn)
let sum = nand(nand(partial, m1), nand(carryIn, m1))
return (sum, nand(n1, n1))
