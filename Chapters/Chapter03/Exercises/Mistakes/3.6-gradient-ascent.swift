// Mistake: the parameters move along the gradient, uphill.
// Diagnosis: uphill
// REPLACE: for i in parameters.indices { parameters[i].addScaled(gradients[i], by: -eta) }
// WITH:    for i in parameters.indices { parameters[i].addScaled(gradients[i], by: eta) }
