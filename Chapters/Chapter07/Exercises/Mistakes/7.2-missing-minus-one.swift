// Mistake: the softmax returned as the error, with no − 1_{yₜ}.
// Diagnosis: the − 1_{yₜ} is missing
Softmax.apply(logits)
