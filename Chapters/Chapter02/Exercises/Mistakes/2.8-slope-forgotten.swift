// Mistake: leaky ReLU's derivative is 0 on the negative side, as for plain ReLU.
// Diagnosis: the slope α is missing

// SAME AS REFERENCE
// NEXT REGION
// SAME AS REFERENCE
// NEXT REGION
// SAME AS REFERENCE
// NEXT REGION
z > 0 ? 1 : 0
