// Properties of the Chapter 05 optimizers that hold whatever the numbers: special cases that
// reduce to SGD, Adam's bias-corrected first step, the look-ahead meaning of Nesterov's
// rewritten form, and parameters of different shapes updated entry by entry.

import Foundation
import NeuralCore
import TestSupport
import Testing

/// Every optimizer of the workbook, with settings used by the property tests.
enum OptimizerKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sgd, momentum, nesterov, adagrad, rmsprop, adam

    func make() -> any Optimizer {
        switch self {
        case .sgd: SGD(learningRate: 0.1)
        case .momentum: Momentum(learningRate: 0.1, momentum: 0.9)
        case .nesterov: Nesterov(learningRate: 0.1, momentum: 0.9)
        case .adagrad: Adagrad(learningRate: 0.1)
        case .rmsprop: RMSprop(learningRate: 0.01, decay: 0.9)
        case .adam: Adam(learningRate: 0.01)
        }
    }

    var testDescription: String { rawValue }
}

@Suite("Chapter 05 optimizers — properties")
struct OptimizerPropertyTests {
    /// `count` gradients shaped like `shapes`, with entries drawn from N(0, 1).
    static func gradientSequence(shapes: [(Int, Int)], count: Int, seed: UInt64) -> [[Matrix]] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in shapes.map { Matrix.gaussian($0.0, $0.1, using: &generator) } }
    }

    /// Takes one step per gradient list, returning the final parameters.
    static func run(_ optimizer: any Optimizer, from start: [Matrix], gradients: [[Matrix]]) -> [Matrix] {
        var optimizer = optimizer
        var parameters = start
        for gradient in gradients { optimizer.step(&parameters, gradients: gradient) }
        return parameters
    }

    @Test("Eq. 5.10 — momentum with μ = 0 is SGD, step for step")
    func momentumWithoutMomentumIsSGD() {
        let start = [Matrix([[0.3, -1.2], [2.0, 0.7]]), Matrix(column: [0.1, -0.4])]
        let gradients = Self.gradientSequence(shapes: [(2, 2), (2, 1)], count: 5, seed: 51)
        let viaMomentum = Self.run(Momentum(learningRate: 0.05, momentum: 0), from: start, gradients: gradients)
        let viaSGD = Self.run(SGD(learningRate: 0.05), from: start, gradients: gradients)
        for index in start.indices {
            expectClose(viaMomentum[index], viaSGD[index], tolerance: Tolerance.exactArithmetic)
        }
        // Sanity: with μ = 0.9 the two differ, so the comparison above can fail.
        let withMomentum = Self.run(Momentum(learningRate: 0.05, momentum: 0.9), from: start, gradients: gradients)
        #expect((withMomentum[0] - viaSGD[0]).maxAbs() > 1e-3)
    }

    @Test("Eq. 5.11 — Nesterov with μ = 0 is SGD")
    func nesterovWithoutMomentumIsSGD() {
        let start = [Matrix([[0.3, -1.2], [2.0, 0.7]])]
        let gradients = Self.gradientSequence(shapes: [(2, 2)], count: 5, seed: 52)
        let viaNesterov = Self.run(Nesterov(learningRate: 0.05, momentum: 0), from: start, gradients: gradients)
        let viaSGD = Self.run(SGD(learningRate: 0.05), from: start, gradients: gradients)
        expectClose(viaNesterov[0], viaSGD[0], tolerance: Tolerance.exactArithmetic)
    }

    /// The first Adam step is ηg/(|g| + ε) entry-wise; its relative distance from η is ε/(|g| + ε),
    /// at most 1e-8 / 0.01 = 1e-6 for the gradient entries drawn below (|g| ≥ 0.01).
    static let adamFirstStepTolerance = 1e-6

    @Test("Eq. 5.14 — Adam's first step moves every coordinate by η against the gradient's sign")
    func adamFirstStepHasSizeEta() {
        var generator = SeededGenerator(seed: 53)
        // Gradient entries from 0.01 to 100 in size, of both signs: scale must not matter.
        let gradient = Matrix(rows: 4, columns: 5) { _, _ in
            let size = pow(10, generator.uniform(-2, 2))
            return generator.uniform() < 0.5 ? -size : size
        }
        let start = Matrix(rows: 4, columns: 5, repeating: 0.5)
        let eta = 0.01
        var optimizer = Adam(learningRate: eta)
        var parameters = [start]
        optimizer.step(&parameters, gradients: [gradient])
        for index in start.elements.indices {
            let move = parameters[0].elements[index] - start.elements[index]
            let g = gradient.elements[index]
            #expect(abs(abs(move) - eta) / eta <= Self.adamFirstStepTolerance, "g = \(g), move = \(move)")
            #expect(move.sign != g.sign, "g = \(g), move = \(move)")
        }
    }

    /// The classical look-ahead and the rewritten form are the same recurrence in exact
    /// arithmetic; in Double they round differently, so over 50 steps of a well-conditioned
    /// quadratic the two drift apart by a few hundred roundings at most.
    static let reformulationTolerance = 1e-12

    @Test("Eq. 5.11 — the rewritten Nesterov form tracks the look-ahead point θ + μv of the classical form")
    func nesterovMatchesLookAhead() {
        // f(θ) = ½ Σ aᵢ θᵢ², ∇f = a ⊙ θ.
        let a = Matrix(row: [1.0, 4.0, 0.25])
        let eta = 0.1
        let mu = 0.9
        // Classical Nesterov: v ← μv − η∇f(θ + μv), θ ← θ + v.
        var theta = Matrix(row: [1.0, -2.0, 3.0])
        var v = Matrix(rows: 1, columns: 3)
        // The rewritten form starts at the same point (v = 0, so θ + μv = θ).
        var optimizer = Nesterov(learningRate: eta, momentum: mu)
        var parameters = [theta]
        for _ in 0..<50 {
            let lookAhead = theta + mu * v
            v = mu * v - eta * (a ⊙ lookAhead)
            theta = theta + v
            optimizer.step(&parameters, gradients: [a ⊙ parameters[0]])
        }
        expectClose(parameters[0], theta + mu * v, tolerance: Self.reformulationTolerance)
        // The comparison can fail: the look-ahead point differs from the classical θ itself.
        #expect((theta + mu * v - theta).maxAbs() > 1e-6)
    }

    @Test("State is created on the first step, shaped like the parameters")
    func stateIsCreatedLazily() {
        let parameters = [Matrix(rows: 3, columns: 2), Matrix(rows: 3, columns: 1)]
        let gradients = [Matrix(rows: 3, columns: 2, repeating: 1), Matrix(rows: 3, columns: 1, repeating: 1)]
        let shapes = parameters.map(\.shapeDescription)

        var momentum = Momentum(learningRate: 0.1)
        var nesterov = Nesterov(learningRate: 0.1)
        var adagrad = Adagrad(learningRate: 0.1)
        var rmsprop = RMSprop(learningRate: 0.1)
        var adam = Adam(learningRate: 0.1)
        #expect(momentum.velocity.isEmpty && nesterov.velocity.isEmpty && adagrad.squaredGradientSum.isEmpty)
        #expect(rmsprop.squaredGradientAverage.isEmpty && adam.firstMoment.isEmpty && adam.secondMoment.isEmpty)
        #expect(adam.timestep == 0)

        var copy = parameters
        momentum.step(&copy, gradients: gradients)
        nesterov.step(&copy, gradients: gradients)
        adagrad.step(&copy, gradients: gradients)
        rmsprop.step(&copy, gradients: gradients)
        adam.step(&copy, gradients: gradients)
        for state in [
            momentum.velocity, nesterov.velocity, adagrad.squaredGradientSum, rmsprop.squaredGradientAverage,
            adam.firstMoment, adam.secondMoment,
        ] {
            #expect(state.map(\.shapeDescription) == shapes)
        }
        #expect(adam.timestep == 1)
    }

    @Test("Eq. 5.10–5.14 — a 3×2 and a 3×1 parameter are updated entry by entry", arguments: OptimizerKind.allCases)
    func mixedShapesUpdateEntryByEntry(kind: OptimizerKind) {
        // Every rule is entry-wise, so updating [3×2, 3×1] together must give, in each entry,
        // what a fresh optimizer gives for that entry alone as a 1×1 parameter.
        var generator = SeededGenerator(seed: 54)
        let start = [Matrix.gaussian(3, 2, using: &generator), Matrix.gaussian(3, 1, using: &generator)]
        let gradients = Self.gradientSequence(shapes: [(3, 2), (3, 1)], count: 4, seed: 55)
        let together = Self.run(kind.make(), from: start, gradients: gradients)

        for parameter in start.indices {
            #expect(together[parameter].shapeDescription == start[parameter].shapeDescription)
            var expected = start[parameter]
            for entry in start[parameter].elements.indices {
                let alone = Self.run(
                    kind.make(), from: [Matrix(rows: 1, columns: 1, elements: [start[parameter].elements[entry]])],
                    gradients: gradients.map {
                        [Matrix(rows: 1, columns: 1, elements: [$0[parameter].elements[entry]])]
                    })
                expected.withUnsafeMutableBufferPointer { $0[entry] = alone[0].elements[0] }
            }
            expectClose(together[parameter], expected, tolerance: Tolerance.exactArithmetic, "parameter \(parameter)")
            // Every entry moved (the comparison above is not between two unchanged matrices).
            #expect(zip(together[parameter].elements, start[parameter].elements).allSatisfy { $0 != $1 })
        }
    }
}
