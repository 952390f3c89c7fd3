// Two checks worth running before any long training (section 4.5): an untrained softmax
// classifier should be maximally unsure, and a network should be able to memorise a handful
// of images.

import Foundation
import NeuralCore

enum SanityChecks {
    /// The standard deviation of the small initial weights of the untrained classifier.
    static let smallWeight = 0.01

    /// Eq. 4.5 averaged over `data` for a softmax classifier [784, 10] with weights N(0, 0.01²)
    /// and zero biases: all logits are near 0, every class gets a ≈ 1/10, so C ≈ ln 10.
    static func initialLoss(on data: LabeledData, generator: inout SeededGenerator) -> Double {
        let layer = DenseLayer(
            weights: Matrix.gaussian(data.classes, data.features, standardDeviation: smallWeight, using: &generator),
            biases: Matrix(rows: data.classes, columns: 1), activation: .softmax)
        return Evaluation.cost(Network(layers: [layer]), on: data, cost: LogLikelihoodCost())
    }

    /// The same for a network as the chapter trains it, [784, 30, 10] with N(0, 1) weights and
    /// biases: its logits spread widely, so its initial loss is well above ln 10.
    static func initialLossOfLargeWeights(on data: LabeledData, generator: inout SeededGenerator) -> Double {
        let network = Network(sizes: [data.features, 30, data.classes], output: .softmax, using: &generator)
        return Evaluation.cost(network, on: data, cost: LogLikelihoodCost())
    }

    /// The overfitting check's settings: [784, 30, 10] softmax + log-likelihood, N(0, 1/n_in)
    /// weights, η = 0.5, mini-batches of 5.
    static let overfitEpochs = 200
    static let overfitEta = 0.5
    static let overfitBatch = 5

    /// Trains on `data` alone (20 images) and returns the training loss after every epoch and the
    /// final training accuracy.
    static func overfit(_ data: LabeledData, epochs: Int = overfitEpochs, generator: inout SeededGenerator) throws
        -> (losses: [Double], accuracy: Double)
    {
        var network = Network(
            sizes: [data.features, 30, data.classes], output: .softmax, initialization: .scaledNormal, using: &generator
        )
        let initial = Evaluation.cost(network, on: data, cost: LogLikelihoodCost())
        var optimizer = SGD(learningRate: overfitEta)
        let records = try Trainer.train(
            &network, on: data,
            options: TrainingOptions(
                epochs: epochs, batchSize: overfitBatch, cost: LogLikelihoodCost(), monitorTraining: true),
            optimizer: &optimizer, generator: &generator)
        return ([initial] + records.compactMap(\.trainingCost), Evaluation.accuracy(network, on: data))
    }
}
