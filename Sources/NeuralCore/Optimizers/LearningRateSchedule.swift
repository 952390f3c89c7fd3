// Fixed learning-rate schedules: η as a function of how many epochs have been completed.

import Foundation

/// A learning rate that depends only on the epoch, given the starting rate η₀.
///
/// Epochs are counted from 0: `learningRate(initial:afterEpoch: e)` is the rate to use once
/// e epochs have been completed, so `afterEpoch: 0` is the rate for the first epoch.
public enum LearningRateSchedule: Sendable, Equatable {
    /// η stays η₀ throughout.
    case constant
    /// η is multiplied by `factor` after every `every` epochs: η = η₀ · factor^⌊e / every⌋.
    /// For example `.stepDecay(every: 10, factor: 0.5)` halves η after epochs 10, 20, 30, …
    case stepDecay(every: Int, factor: Double)

    /// The learning rate after `epoch` completed epochs, starting from `initial` (η₀).
    public func learningRate(initial: Double, afterEpoch epoch: Int) -> Double {
        precondition(epoch >= 0, "LearningRateSchedule: epoch must be non-negative, got \(epoch)")
        switch self {
        case .constant:
            return initial
        case .stepDecay(let every, let factor):
            precondition(every > 0, "LearningRateSchedule.stepDecay: every must be positive, got \(every)")
            return initial * pow(factor, Double(epoch / every))
        }
    }
}
