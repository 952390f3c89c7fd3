// Mistake: the velocity forgets its past: plain SGD.
// Diagnosis: μ is missing
v = -eta * g
theta = theta + v
