// Mistake: a tie with the best accuracy counted as an improvement.
// Diagnosis: a tie is not an improvement
// REPLACE: if best == nil || accuracy > best! {
// WITH:    if best == nil || accuracy >= best! {
