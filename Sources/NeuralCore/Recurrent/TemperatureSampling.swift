// Drawing characters from a trained model: softmax at a temperature, then one categorical draw
// from the seeded generator; feeding each drawn character back in generates text.

import Foundation

/// Sampling from a categorical distribution with temperature (Eq. 7.10).
public enum TemperatureSampling {
    /// Eq. 7.10: pᵢ = exp(oᵢ/τ) / Σⱼ exp(oⱼ/τ). τ < 1 sharpens the distribution, τ > 1 flattens it,
    /// τ = 1 is the model's own softmax.
    public static func probabilities(logits: [Double], temperature: Double) -> [Double] {
        precondition(temperature > 0, "temperature must be positive, got \(temperature)")
        precondition(!logits.isEmpty, "no logits to sample from")
        let scaled = logits.map { $0 / temperature }
        let peak = scaled.max()!
        let exponentials = scaled.map { exp($0 - peak) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }

    /// One draw i with probability pᵢ: the first index whose cumulative probability exceeds a
    /// uniform u ∈ [0, 1).
    public static func draw(from probabilities: [Double], using generator: inout SeededGenerator) -> Int {
        let u = generator.uniform() * probabilities.reduce(0, +)
        var cumulative = 0.0
        for (index, p) in probabilities.enumerated() {
            cumulative += p
            if u < cumulative { return index }
        }
        return probabilities.lastIndex { $0 > 0 } ?? probabilities.count - 1
    }
}

extension SequenceModel {
    /// oₜ = V hₜ + c for a batch of hidden states (output × B), Eq. 7.2 before the softmax.
    public func logits(hidden: Matrix) -> Matrix {
        var o = Matrix.product(outputWeights, hidden)
        o.addToEachColumn(outputBiases)
        return o
    }

    /// Generates `count` symbols: feeds `prime` (at least one index) through the network, then
    /// repeatedly draws the next symbol at `temperature` (Eq. 7.10) and feeds it back in.
    /// The model's inputs must be one-hot over the same vocabulary as its outputs.
    public func sample(
        prime: [Int], count: Int, temperature: Double = 1, initialState: [Matrix]? = nil,
        using generator: inout SeededGenerator
    ) -> [Int] {
        precondition(!prime.isEmpty, "sampling needs at least one priming symbol")
        var state = initialState ?? cell.initialState(batch: 1)
        for symbol in prime.dropLast() { state = cell.step(.oneHot([symbol]), state: state).state }
        var current = prime[prime.count - 1]
        var drawn: [Int] = []
        drawn.reserveCapacity(count)
        for _ in 0..<count {
            state = cell.step(.oneHot([current]), state: state).state
            let p = TemperatureSampling.probabilities(
                logits: logits(hidden: state[0]).elements, temperature: temperature)
            current = TemperatureSampling.draw(from: p, using: &generator)
            drawn.append(current)
        }
        return drawn
    }
}
