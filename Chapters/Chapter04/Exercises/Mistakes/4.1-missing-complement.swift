// Mistake: only the y ln a term, as if every target were 1.
// Diagnosis: the term (1 − y) ln(1 − a) is missing
var total = 0.0
for index in outputs.elements.indices {
    total += targets.elements[index] * log(outputs.elements[index])
}
return -total / Double(outputs.columns)
