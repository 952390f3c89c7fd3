// A learning-rate schedule driven by results: halve η when validation accuracy stops improving,
// and stop training once η has been halved often enough (Nielsen's "learning rate schedule").

/// Halves η whenever the validation accuracy has not improved for `patience` epochs in a row,
/// and asks the caller to stop once η has been halved `maximumHalvings` times (7 halvings leave
/// η at η₀/128, the classic stopping point).
///
/// Call `update(validationAccuracy:)` once after every epoch and use the returned rate for the
/// next epoch. An improvement means an accuracy strictly above the best seen so far; it resets
/// the count of epochs without improvement, and so does each halving.
public struct HalveOnPlateau: Sendable {
    /// What the caller should do after an epoch.
    public struct Decision: Sendable, Equatable {
        /// η for the next epoch.
        public var learningRate: Double
        /// Whether η was halved by this update.
        public var halved: Bool
        /// Whether training should stop (η has been halved `maximumHalvings` times).
        public var shouldStop: Bool

        public init(learningRate: Double, halved: Bool, shouldStop: Bool) {
            self.learningRate = learningRate
            self.halved = halved
            self.shouldStop = shouldStop
        }
    }

    /// The starting rate η₀.
    public let initialLearningRate: Double
    /// How many epochs without improvement are tolerated before η is halved.
    public let patience: Int
    /// After this many halvings training stops.
    public let maximumHalvings: Int

    /// The current rate η.
    public private(set) var learningRate: Double
    /// The best validation accuracy seen so far (nil before the first update).
    public private(set) var bestAccuracy: Double?
    /// Epochs since the last improvement or halving.
    public private(set) var epochsWithoutImprovement = 0
    /// How many times η has been halved.
    public private(set) var halvings = 0

    public init(learningRate: Double, patience: Int = 10, maximumHalvings: Int = 7) {
        precondition(patience > 0, "HalveOnPlateau: patience must be positive, got \(patience)")
        precondition(maximumHalvings > 0, "HalveOnPlateau: maximumHalvings must be positive, got \(maximumHalvings)")
        self.initialLearningRate = learningRate
        self.learningRate = learningRate
        self.patience = patience
        self.maximumHalvings = maximumHalvings
    }

    /// Whether training should stop (also true for every update after the last halving).
    public var shouldStop: Bool { halvings >= maximumHalvings }

    /// Records one epoch's validation accuracy and says what η to use next and whether to stop.
    public mutating func update(validationAccuracy accuracy: Double) -> Decision {
        guard !shouldStop else {
            return Decision(learningRate: learningRate, halved: false, shouldStop: true)
        }
        if bestAccuracy.map({ accuracy > $0 }) ?? true {
            bestAccuracy = accuracy
            epochsWithoutImprovement = 0
            return Decision(learningRate: learningRate, halved: false, shouldStop: false)
        }
        epochsWithoutImprovement += 1
        guard epochsWithoutImprovement >= patience else {
            return Decision(learningRate: learningRate, halved: false, shouldStop: false)
        }
        learningRate /= 2
        halvings += 1
        epochsWithoutImprovement = 0
        return Decision(learningRate: learningRate, halved: true, shouldStop: shouldStop)
    }
}
