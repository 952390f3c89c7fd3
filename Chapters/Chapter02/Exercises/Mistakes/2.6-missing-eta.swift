// Mistake: the learning rate is left out.
// Diagnosis: η is missing
zip(parameters, gradients).map { v, gradient in v - gradient }
