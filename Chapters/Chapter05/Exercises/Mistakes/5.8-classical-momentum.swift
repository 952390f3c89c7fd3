// Mistake: the momentum step of Eq. 5.10 instead of Nesterov's.
// Diagnosis: that is classical momentum
// REPLACE: theta = theta + mu * v - eta * g
// WITH:    theta = theta + v
