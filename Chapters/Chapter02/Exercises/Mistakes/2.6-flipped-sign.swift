// Mistake: v + η∇C, a step uphill.
// Diagnosis: the sign is flipped
// REPLACE: zip(parameters, gradients).map { v, gradient in v - eta * gradient }
// WITH:    zip(parameters, gradients).map { v, gradient in v + eta * gradient }
