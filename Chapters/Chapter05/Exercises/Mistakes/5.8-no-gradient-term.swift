// Mistake: θ moved by the look-ahead μv alone.
// Diagnosis: the −ηg term of the θ update is missing
v = mu * v - eta * g
theta = theta + mu * v
