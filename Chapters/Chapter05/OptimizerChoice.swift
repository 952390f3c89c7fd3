// The six update rules the chapter compares, each with the learning rates used on the 2-D test
// function and on MNIST, and a hand-written scalar version of its rule for the printed example.

import Foundation
import NeuralCore

/// SGD, momentum, Nesterov, Adagrad, RMSprop and Adam, with the chapter's settings.
enum OptimizerChoice: CaseIterable, Sendable {
    case sgd, momentum, nesterov, adagrad, rmsprop, adam

    /// μ for momentum and Nesterov, ρ for RMSprop; Adam keeps β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    static let momentumCoefficient = 0.9
    static let decay = 0.9
    static let epsilon = 1e-8

    var name: String {
        switch self {
        case .sgd: "SGD"
        case .momentum: "momentum"
        case .nesterov: "Nesterov"
        case .adagrad: "Adagrad"
        case .rmsprop: "RMSprop"
        case .adam: "Adam"
        }
    }

    var equation: String {
        switch self {
        case .sgd: "Eq. 2.10"
        case .momentum: "Eq. 5.10"
        case .nesterov: "Eq. 5.11"
        case .adagrad: "Eq. 5.12"
        case .rmsprop: "Eq. 5.13"
        case .adam: "Eq. 5.14"
        }
    }

    /// η on Rosenbrock's function: SGD near its stability limit (about 1.3e-3 from (−1.2, 1)),
    /// momentum and Nesterov at the same η, the adaptive rules at rates that stay stable.
    var rosenbrockRate: Double {
        switch self {
        case .sgd, .momentum, .nesterov: 1e-3
        case .adagrad: 0.5
        case .rmsprop: 3e-3
        case .adam: 0.05
        }
    }

    /// η on MNIST with mini-batches of 10 (common defaults for each rule).
    var mnistRate: Double {
        switch self {
        case .sgd: 0.1
        case .momentum, .nesterov: 0.01
        case .adagrad: 0.05
        case .rmsprop, .adam: 0.001
        }
    }

    /// The rule's name as `--optimizer-eta` takes it: "sgd", "adam".
    var optionName: String { name.lowercased() }

    /// The core's optimizer for this rule, with the notes' constants unless told otherwise.
    func make(learningRate: Double, constants: OptimizerConstants = .notes) -> any Optimizer {
        switch self {
        case .sgd: SGD(learningRate: learningRate)
        case .momentum: Momentum(learningRate: learningRate, momentum: constants.momentum)
        case .nesterov: Nesterov(learningRate: learningRate, momentum: constants.momentum)
        case .adagrad: Adagrad(learningRate: learningRate, epsilon: constants.epsilon)
        case .rmsprop: RMSprop(learningRate: learningRate, decay: constants.decay, epsilon: constants.epsilon)
        case .adam:
            Adam(learningRate: learningRate, beta1: constants.beta1, beta2: constants.beta2, epsilon: constants.epsilon)
        }
    }

    /// θ after each step of the core optimizer, given one gradient per step.
    func steps(from start: [Double], gradients: [[Double]], learningRate: Double) -> [[Double]] {
        var optimizer = make(learningRate: learningRate)
        var parameters = [Matrix(column: start)]
        return gradients.map { g in
            optimizer.step(&parameters, gradients: [Matrix(column: g)])
            return parameters[0].elements
        }
    }

    /// The same steps computed coordinate by coordinate from the equation as written in the notes.
    func stepsByHand(from start: [Double], gradients: [[Double]], learningRate eta: Double) -> [[Double]] {
        let mu = Self.momentumCoefficient
        let rho = Self.decay
        let epsilon = Self.epsilon
        let (beta1, beta2) = (0.9, 0.999)
        var theta = start
        var first = [Double](repeating: 0, count: start.count)  // v, G, E or m
        var second = [Double](repeating: 0, count: start.count)  // Adam's v
        var trace: [[Double]] = []
        for (t, g) in gradients.enumerated() {
            for k in theta.indices {
                switch self {
                case .sgd:
                    theta[k] -= eta * g[k]
                case .momentum:
                    first[k] = mu * first[k] - eta * g[k]
                    theta[k] += first[k]
                case .nesterov:
                    let previous = first[k]
                    first[k] = mu * previous - eta * g[k]
                    theta[k] += -mu * previous + (1 + mu) * first[k]
                case .adagrad:
                    first[k] += g[k] * g[k]
                    theta[k] -= eta * g[k] / (first[k].squareRoot() + epsilon)
                case .rmsprop:
                    first[k] = rho * first[k] + (1 - rho) * g[k] * g[k]
                    theta[k] -= eta * g[k] / (first[k].squareRoot() + epsilon)
                case .adam:
                    first[k] = beta1 * first[k] + (1 - beta1) * g[k]
                    second[k] = beta2 * second[k] + (1 - beta2) * g[k] * g[k]
                    let mHat = first[k] / (1 - pow(beta1, Double(t + 1)))
                    let vHat = second[k] / (1 - pow(beta2, Double(t + 1)))
                    theta[k] -= eta * mHat / (vHat.squareRoot() + epsilon)
                }
            }
            trace.append(theta)
        }
        return trace
    }
}

/// The constants of the rules that have them: μ (momentum, Nesterov), ρ (RMSprop), β₁, β₂ (Adam)
/// and ε (Adagrad, RMSprop, Adam).
struct OptimizerConstants: Equatable, Sendable {
    var momentum: Double
    var decay: Double
    var beta1: Double
    var beta2: Double
    var epsilon: Double

    /// The notes' values, used in 5.6 and by default in 5.7.
    static let notes = OptimizerConstants(
        momentum: OptimizerChoice.momentumCoefficient, decay: OptimizerChoice.decay, beta1: 0.9, beta2: 0.999,
        epsilon: OptimizerChoice.epsilon)
}

/// The printed two-step example: θ₀ = (1, −2), gradients (0.5, −1) then (0.2, 0.4), η = 0.1.
enum OptimizerExample {
    static let start = [1.0, -2.0]
    static let gradients = [[0.5, -1.0], [0.2, 0.4]]
    static let learningRate = 0.1
}
