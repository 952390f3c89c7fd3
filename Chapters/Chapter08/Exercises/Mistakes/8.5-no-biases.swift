// Mistake: only the weight matrices counted.
// Diagnosis: the biases are not counted
let blocks: Int
switch kind {
case .vanilla: blocks = 1
case .lstm: blocks = 4
case .gru: blocks = 3
}
return blocks * (hidden * inputs + hidden * hidden) + outputs * hidden
