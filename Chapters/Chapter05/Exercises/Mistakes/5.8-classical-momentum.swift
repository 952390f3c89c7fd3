// Mistake: the momentum step of Eq. 5.8 instead of Nesterov's.
// Diagnosis: that is classical momentum
v = mu * v - eta * g
theta = theta + v
