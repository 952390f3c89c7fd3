// Early stopping: end training when the validation accuracy has not improved for a while, and
// remember the best epoch so its network can be kept.

/// Watches validation accuracy epoch by epoch.
public struct EarlyStopping: Sendable, Equatable {
    /// Epochs without a new best after which training stops.
    public let patience: Int
    /// The best accuracy so far and the epoch (1-based) it was reached in.
    public private(set) var bestAccuracy = -Double.infinity
    public private(set) var bestEpoch = 0
    private var epochsSinceBest = 0

    public init(patience: Int) {
        precondition(patience >= 1, "patience must be at least 1 epoch")
        self.patience = patience
    }

    /// Records epoch `epoch`'s validation accuracy; returns `.stop` once `patience` epochs in a row
    /// brought no strict improvement, `.proceed` otherwise.
    public mutating func update(epoch: Int, validationAccuracy accuracy: Double) -> EpochDecision {
        if accuracy > bestAccuracy {
            bestAccuracy = accuracy
            bestEpoch = epoch
            epochsSinceBest = 0
            return .proceed
        }
        epochsSinceBest += 1
        return epochsSinceBest >= patience ? .stop : .proceed
    }
}
