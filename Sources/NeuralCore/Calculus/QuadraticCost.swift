// The quadratic (mean squared error) cost of the early chapters.

/// The quadratic cost C = ½‖y − a‖² (Eq. 2.7), summed over the columns of a mini-batch.
public enum QuadraticCost {
    /// C = ½ Σ (yⱼ − aⱼ)², over every entry of `output` and `target`.
    public static func cost(output a: Matrix, target y: Matrix) -> Double {
        let difference = y - a
        return 0.5 * difference.dot(difference)
    }

    /// ∇ₐC = a − y (Eq. 2.8).
    public static func gradient(output a: Matrix, target y: Matrix) -> Matrix {
        a - y
    }
}
