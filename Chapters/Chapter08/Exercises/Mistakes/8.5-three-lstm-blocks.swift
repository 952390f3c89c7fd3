// Mistake: the LSTM counted with its three gates only, forgetting the candidate block g.
// Diagnosis: four blocks
let blocks: Int
switch kind {
case .vanilla: blocks = 1
case .lstm: blocks = 3
case .gru: blocks = 3
}
return blocks * (hidden * inputs + hidden * hidden + hidden) + outputs * hidden + outputs
