// Mistake: the sum over the training inputs, not the average.
// Diagnosis: without dividing by n
var total = 0.0
for index in outputs.elements.indices {
    let (a, y) = (outputs.elements[index], targets.elements[index])
    total += y * log(a) + (1 - y) * log(1 - a)
}
return -total
