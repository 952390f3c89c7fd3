// The quadratic (mean squared error) cost of the early chapters.

/// The quadratic cost C = ½‖y − a‖², summed over the columns of a mini-batch (Eq. 2.8 without
/// the 1/n average; Chapter 03 averages over the mini-batch).
public enum QuadraticCost {
    /// C = ½ Σ (yⱼ − aⱼ)², over every entry of `output` and `target`.
    public static func cost(output a: Matrix, target y: Matrix) -> Double {
        let difference = y - a
        return 0.5 * difference.dot(difference)
    }

    /// ∇ₐC = a − y, the factor (a − y) of Eq. 2.9.
    public static func gradient(output a: Matrix, target y: Matrix) -> Matrix {
        a - y
    }
}
