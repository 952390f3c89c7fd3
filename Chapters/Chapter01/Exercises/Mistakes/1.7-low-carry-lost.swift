// Mistake: the full adder of the high bits is given carry in 0 instead of the low half adder's carry.
// Diagnosis: the carry of the low bits never reaches the full adder

// SAME AS REFERENCE
// NEXT REGION
let n = nand(a0, b0)
let s0 = nand(nand(a0, n), nand(b0, n))
let high = try fullAdder(a1, b1, carryIn: 0, nand: nand)
return (high.carry, high.sum, s0)
