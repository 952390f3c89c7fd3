// Mistake: θ moved before the velocity is updated.
// Diagnosis: θ moved by the OLD velocity
theta = theta + v
v = mu * v - eta * g
