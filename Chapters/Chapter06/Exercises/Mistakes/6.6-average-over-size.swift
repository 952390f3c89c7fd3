// Mistake: the average's gradient divided by s, the window's side, not s², its number of pixels.
// Diagnosis: divided by s instead of s²

// SAME AS REFERENCE
// NEXT REGION
Matrix(rows: inputRows, columns: inputColumns) { p, q in
    let (i, j) = (p / s, q / s)
    return i < g.rows && j < g.columns ? g[i, j] / Double(s) : 0
}
