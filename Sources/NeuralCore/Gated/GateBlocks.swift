// The vocabulary the gated cells' reference steps are written in: blocks of stacked gate rows,
// stacking them back, and σ, tanh and 1 − x on whole matrices. Clear rather than fast.

import Foundation

extension Matrix {
    /// Rows k·n ..< (k+1)·n, where the matrix stacks `count` blocks of n = rows / count rows
    /// (e.g. block 0 of 4 of an LSTM's 4H × batch pre-activations is z_f).
    func rowBlock(_ k: Int, of count: Int) -> Matrix {
        precondition(rows % count == 0 && k >= 0 && k < count, "rowBlock \(k) of \(count) of \(shapeDescription)")
        let n = rows / count
        return Matrix(rows: n, columns: columns) { i, j in self[k * n + i, j] }
    }

    /// The blocks stacked on top of each other, [a; b; …] (all with the same number of columns).
    static func stacking(_ blocks: [Matrix]) -> Matrix {
        let columns = blocks[0].columns
        precondition(blocks.allSatisfy { $0.columns == columns }, "stacking blocks of different widths")
        return Matrix(rows: blocks.reduce(0) { $0 + $1.rows }, columns: columns, elements: blocks.flatMap(\.elements))
    }
}

/// σ(m) = 1 / (1 + e⁻ᵐ) entry by entry.
func σ(_ m: Matrix) -> Matrix { m.map { 1 / (1 + Foundation.exp(-$0)) } }

/// tanh(m) entry by entry.
func tanh(_ m: Matrix) -> Matrix { m.map { Foundation.tanh($0) } }

/// 1 − m entry by entry.
func oneMinus(_ m: Matrix) -> Matrix { m.map { 1 - $0 } }
