// Mistake: NAND(NOT x₁, NOT x₂) with NOT x = NAND(x, x), which is OR, not XOR.
// Diagnosis: your XOR computes OR
return nand(nand(x1, x1), nand(x2, x2))
