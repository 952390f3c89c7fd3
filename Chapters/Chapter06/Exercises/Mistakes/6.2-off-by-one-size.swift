// Mistake: H − F_h positions instead of H − F_h + 1 (the last window is lost).
// Diagnosis: one row and one column too small
// REPLACE: Matrix(rows: x.rows - k.rows + 1, columns: x.columns - k.columns + 1) { i, j in
// WITH:    Matrix(rows: x.rows - k.rows, columns: x.columns - k.columns) { i, j in
