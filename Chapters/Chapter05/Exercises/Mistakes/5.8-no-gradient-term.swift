// Mistake: θ moved by the look-ahead μv alone.
// Diagnosis: the −ηg term of the θ update is missing
// REPLACE: theta = theta + mu * v - eta * g
// WITH:    theta = theta + mu * v
