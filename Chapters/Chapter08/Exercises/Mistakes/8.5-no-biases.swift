// Mistake: only the weight matrices counted.
// Diagnosis: the biases are not counted
// REPLACE: return blocks * (hidden * inputs + hidden * hidden + hidden) + outputs * hidden + outputs
// WITH:    return blocks * (hidden * inputs + hidden * hidden) + outputs * hidden
