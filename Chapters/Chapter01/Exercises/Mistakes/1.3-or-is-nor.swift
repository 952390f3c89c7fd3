// Mistake: OR with the signs of NAND's weights (−w, −b of the right answer).
// Diagnosis: your OR perceptron computes NOR

// SAME AS REFERENCE
// NEXT REGION
([-1, -1], 0.5)
