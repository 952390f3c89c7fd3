// Mistake: forgetGates[t - 1], which is fₜ itself, included in the product for ∂L/∂cₜ.
// Diagnosis: off by one
var gradients: [Matrix] = []
for t in 0...forgetGates.count {
    var g = dcLast
    for s in max(t - 1, 0)..<forgetGates.count { g = g ⊙ forgetGates[s] }
    gradients.append(g)
}
return gradients
