// Named tolerances for the workbook's numerical assertions, each with its reason.

/// How close two numbers must be, by the reason they can differ.
public enum Tolerance {
    /// Exact arithmetic up to a few roundings (identities, sums of a handful of terms).
    public static let exactArithmetic = 1e-12
    /// Products through BLAS against a plain loop: the summation order differs.
    public static let blasVersusLoop = 1e-12
    /// The same products on another CPU's BLAS kernels (numbers of order 1 recorded on one machine,
    /// computed again on another): a few roundings in another order.
    public static let blasAcrossCPUs = 1e-13
    /// Central differences on smooth functions with h = 1e-5: truncation O(h²) plus rounding O(ε/h).
    public static let gradientCheckSmooth = 1e-7
    /// Central differences near a kink (ReLU at 0) or on long compositions.
    public static let gradientCheckKink = 1e-4
    /// A central difference of a cost near 1 carries rounding noise of about ε/h ≈ 2e-11; for a
    /// relative error below 1e-7 that needs entries above 2e-4, so smaller entries are compared
    /// against this floor instead (an absolute check at 1e-10).
    public static let centralDifferenceFloor = 1e-3
    /// Two independent exact gradients (hand-written backward versus the tape): rounding only.
    public static let twoAnalyticGradients = 1e-10
}
