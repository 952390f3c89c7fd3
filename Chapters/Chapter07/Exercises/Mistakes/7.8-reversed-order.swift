// Mistake: each new Jacobian multiplied on the right, giving J_{t+1} ⋯ J_T.
// Diagnosis: the Jacobians are multiplied in the wrong order
// REPLACE: product = jacobian * product
// WITH:    product = product * jacobian
