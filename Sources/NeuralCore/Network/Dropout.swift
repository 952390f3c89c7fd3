// Inverted dropout: during training each hidden unit is kept with probability p and, when
// kept, scaled by 1/p, so the expected activation equals the activation without dropout and
// nothing needs rescaling at test time.

/// Inverted-dropout masks.
public enum Dropout {
    /// Eq. 5.5 — a mask with entries 1/p with probability p and 0 otherwise, shaped like `a`;
    /// E[mask ⊙ a] = a.
    public static func mask(like a: Matrix, keep p: Double, using generator: inout SeededGenerator) -> Matrix {
        precondition(p > 0 && p <= 1, "dropout keep probability must be in (0, 1], got \(p)")
        var mask = Matrix(rows: a.rows, columns: a.columns)
        let scale = 1 / p
        for index in mask.elements.indices {
            mask.elements[index] = generator.uniform() < p ? scale : 0
        }
        return mask
    }
}
