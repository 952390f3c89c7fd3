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

/// Caffe's "inv" learning-rate policy, applied per update rather than per epoch (Chapter 06,
/// Eq. 6.14):
///
///     η(t) = η₀ (1 + γt)^(−power)
///
/// where t counts the updates already made, so the first update uses η₀. With Caffe's LeNet
/// values γ = 10⁻⁴ and power 0.75, η falls smoothly to 2^(−0.75) ≈ 0.59 of η₀ after 10,000 updates.
public struct InverseDecaySchedule: Sendable, Equatable {
    /// γ ≥ 0: how fast the rate falls (0 keeps η₀).
    public var gamma: Double
    /// The power ≥ 0 of the decay.
    public var power: Double

    public init(gamma: Double, power: Double) {
        precondition(gamma >= 0 && gamma.isFinite, "InverseDecaySchedule: γ must be finite and ≥ 0, got \(gamma)")
        precondition(power >= 0 && power.isFinite, "InverseDecaySchedule: power must be finite and ≥ 0, got \(power)")
        self.gamma = gamma
        self.power = power
    }

    /// The learning rate for the update that follows `updates` completed updates, from η₀ = `initial`.
    public func learningRate(initial: Double, afterUpdates updates: Int) -> Double {
        precondition(updates >= 0, "InverseDecaySchedule: the update count must be non-negative, got \(updates)")
        return initial * pow(1 + gamma * Double(updates), -power)
    }
}
