// Mistake: the most probable index every time, instead of a draw.
// Diagnosis: greedy decoding

// SAME AS REFERENCE
// NEXT REGION
return p.indices.max { p[$0] < p[$1] }!
