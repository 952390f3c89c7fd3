// Mistake: the carry is read off the first gate, NAND(x₁, x₂), without inverting it.
// Diagnosis: the carry is NAND(x₁, x₂)

// SAME AS REFERENCE
// NEXT REGION
let n = nand(x1, x2)
let sum = nand(nand(x1, n), nand(x2, n))
return (sum, n)
