// Mistake: ∂C/∂w without the input x (invisible at x = 1).
// Diagnosis: the factor x is missing from ∂C/∂w
// REPLACE: return (x * (a - y), a - y)
// WITH:    return (a - y, a - y)
