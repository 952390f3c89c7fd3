// Mistake: the LSTM counted with its three gates only, forgetting the candidate block g.
// Diagnosis: four blocks
// REPLACE: case .lstm: blocks = 4
// WITH:    case .lstm: blocks = 3
