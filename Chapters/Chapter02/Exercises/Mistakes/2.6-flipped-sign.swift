// Mistake: v + η∇C, a step uphill.
// Diagnosis: the sign is flipped
zip(parameters, gradients).map { v, gradient in v + eta * gradient }
