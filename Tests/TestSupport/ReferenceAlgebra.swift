// Plain-loop reference implementations that the fast paths are checked against.

import NeuralCore

/// The matrix product by the textbook triple loop: (AB)ᵢⱼ = Σₖ Aᵢₖ Bₖⱼ.
public func referenceProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
    precondition(a.columns == b.rows, "reference product \(a.shapeDescription) · \(b.shapeDescription)")
    var c = Matrix(rows: a.rows, columns: b.columns)
    for i in 0..<a.rows {
        for j in 0..<b.columns {
            var total = 0.0
            for k in 0..<a.columns { total += a[i, k] * b[k, j] }
            c[i, j] = total
        }
    }
    return c
}
