// Mistake: the learning rate is left out.
// Diagnosis: η is missing
// REPLACE: zip(parameters, gradients).map { v, gradient in v - eta * gradient }
// WITH:    zip(parameters, gradients).map { v, gradient in v - gradient }
