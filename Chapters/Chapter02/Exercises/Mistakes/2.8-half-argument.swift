// Mistake: σ taken at z instead of 2z, which gives tanh(z/2).
// Diagnosis: 2σ(z) − 1 is tanh(z/2)
2 * Activation.sigmoid.value(z) - 1
// NEXT REGION
let t = 2 * Activation.sigmoid.value(z) - 1
return 1 - t * t
