// Section 6.6's network and solver: Caffe's LeNet tutorial as its files specify it, trained by
// iterations (not epochs) with momentum, Caffe's weight decay and the "inv" learning-rate policy,
// testing every few hundred iterations and recording the scores of a few test images.

import ChapterRunner
import Foundation
import NeuralCore

/// The network and solver of Caffe's LeNet tutorial (its NetSpec net and `lenet_auto_solver`).
enum LeNetRecipe {
    /// conv 5×5 ×20 → max-pool 2 (stride 2) → conv 5×5 ×50 → max-pool 2 → dense 500 ReLU → 10.
    static let convolutions: [(kernel: Int, channels: Int)] = [(5, 20), (5, 50)]
    static let pool = 2
    static let hidden = 500
    static let batchSize = 64
    /// base_lr, momentum, weight_decay, lr_policy "inv" with gamma and power.
    static let learningRate = 0.01
    static let momentum = 0.9
    static let weightDecay = 5e-4
    static let gamma = 1e-4
    static let power = 0.75
    /// Caffe's max_iter and test_interval.
    static let solverIterations = 10_000
    static let testInterval = 500
    /// What a default run of the chapter trains (the recipe's first iterations; see the notes),
    /// and a quick run.
    static let defaultIterations = 2_000
    static let quickIterations = 60
    static let quickTestInterval = 20
    /// The test images whose ten scores are recorded at every test point (Caffe's notebook shows
    /// the first eight of the test set).
    static let tracedImages = 8

    static var schedule: InverseDecaySchedule { InverseDecaySchedule(gamma: gamma, power: power) }
}

/// One run's solver settings (the recipe's unless the knobs change them).
struct LeNetSolver: Equatable, Sendable {
    var learningRate = LeNetRecipe.learningRate
    var momentum = LeNetRecipe.momentum
    var weightDecay = LeNetRecipe.weightDecay
    var gamma = LeNetRecipe.gamma
    var power = LeNetRecipe.power
    var batchSize = LeNetRecipe.batchSize
    var iterations = LeNetRecipe.defaultIterations
    var testInterval = LeNetRecipe.testInterval
    /// Parts each mini-batch is split into and backpropagated at the same time (`Network.backpropagate(_:indices:…)`).
    var shards = SpeedKnobs.defaultShards
    /// The precision of the convolutions' products.
    var precision = ProductPrecision.double

    var schedule: InverseDecaySchedule { InverseDecaySchedule(gamma: gamma, power: power) }

    /// η for the update after `t` updates (Eq. 6.14).
    func learningRate(afterUpdates t: Int) -> Double { schedule.learningRate(initial: learningRate, afterUpdates: t) }
}

enum LeNet {
    /// Caffe's LeNet on `height` × `width` images: each convolution stride 1, no padding, NO
    /// activation (Caffe's net has none; max-pooling follows the convolution directly), Xavier
    /// uniform kernels (Eq. 6.13); dense 500 with ReLU and the 10 outputs, Xavier uniform; every
    /// bias 0; softmax with the log-likelihood cost (Caffe's SoftmaxWithLoss).
    static func network(height: Int, width: Int, classes: Int, using generator: inout SeededGenerator) -> Network {
        var shape = MapShape(channels: 1, height: height, width: width)
        let input = shape
        var layers: [any Layer] = []
        for spec in LeNetRecipe.convolutions {
            let geometry = ConvolutionGeometry(
                inputChannels: shape.channels, outputChannels: spec.channels, inputHeight: shape.height,
                inputWidth: shape.width, kernel: spec.kernel)
            let stage = ConvolutionStage(
                convolution: Convolution2D(geometry: geometry, initialization: .xavierUniform, using: &generator),
                activation: .identity, pooling: Pooling2D(.max, size: LeNetRecipe.pool, stride: LeNetRecipe.pool))
            layers.append(stage)
            shape = stage.outputMaps
        }
        layers.append(Flatten())
        layers.append(
            XavierUniform.layer(inputs: shape.count, outputs: LeNetRecipe.hidden, activation: .relu, using: &generator))
        layers.append(
            XavierUniform.layer(inputs: LeNetRecipe.hidden, outputs: classes, activation: .softmax, using: &generator))
        return Network(input: input, layers: layers)
    }

    /// Eq. 6.15 — Caffe's weight decay d: ∂C₀/∂θ + d·θ for EVERY parameter, weights and biases
    /// alike (Caffe's decay_mult is 1 unless a layer sets it; the tutorial's net sets none).
    static func addWeightDecay(_ gradients: inout [Matrix], parameters: [Matrix], decay: Double) {
        precondition(gradients.count == parameters.count, "one gradient per parameter")
        guard decay != 0 else { return }
        for index in gradients.indices { gradients[index].addScaled(parameters[index], by: decay) }
    }

    /// Eq. 6.15 — the λ of Nielsen's L2 (Eq. 5.1) whose weight gradient (λ/n)w equals d·w: λ = d·n.
    static func equivalentLambda(decay: Double, trainingCount n: Int) -> Double { decay * Double(n) }

    /// The examples of iteration `t` (from 0): Caffe's data layer reads the training set in its
    /// stored order, `batchSize` at a time, and wraps around at the end without shuffling.
    static func batchIndices(iteration t: Int, batchSize: Int, count n: Int) -> [Int] {
        (0..<batchSize).map { (t * batchSize + $0) % n }
    }

    /// The iterations after which the solver tests: 0 (before training, Caffe's
    /// test_initialization), every `interval`, and the last.
    static func testPoints(iterations: Int, interval: Int) -> [Int] {
        var points = Array(stride(from: 0, through: iterations, by: interval))
        if points.last != iterations { points.append(iterations) }
        return points
    }

    /// The raw scores z (before the softmax) of the output layer for `indices` of `data`:
    /// classes × indices.count, one column per image.
    static func rawScores(_ network: Network, on data: LabeledData, indices: [Int]) -> Matrix {
        let below = Network(input: network.inputShape, layers: Array(network.layers.dropLast()))
        let a = below.feedforward(below.input(data, indices: indices)).values
        guard let top = network.layers.last as? DenseLayer else { preconditionFailure("LeNet ends in a dense layer") }
        var z = top.weights * a
        for column in 0..<z.columns {
            for row in 0..<z.rows { z[row, column] += top.biases[row, 0] }
        }
        return z
    }

    /// What one iteration did.
    struct Iteration {
        /// The mean log-likelihood of the batch before the update (Caffe's displayed loss; no penalty).
        var loss: Double
        /// η of the update.
        var learningRate: Double
        /// The gradients the update used: the batch's, plus d·θ.
        var gradients: [Matrix]
    }

    /// One solver iteration t (from 0) on the examples `indices`: backpropagation of the mean
    /// log-likelihood, Caffe's weight decay (Eq. 6.15), η from the inv policy (Eq. 6.14) and one
    /// momentum update v ← μv − η∇, θ ← θ + v (Eq. 5.10, Caffe's form).
    static func iterate(
        _ network: inout Network, optimizer: inout Momentum, solver: LeNetSolver, iteration t: Int,
        data: LabeledData, indices: [Int], workspaces: Network.ShardWorkspaces, generator: inout SeededGenerator
    ) throws -> Iteration {
        var result = network.backpropagate(
            data, indices: indices, cost: LogLikelihoodCost(), generator: &generator, workspaces: workspaces)
        guard result.cost.isFinite else {
            throw ChapterError(
                "LeNet diverged at iteration \(t + 1): the loss became NaN or infinite with η = \(optimizer.learningRate). Lower --lenet-eta and run again."
            )
        }
        addWeightDecay(&result.gradients, parameters: network.parameters, decay: solver.weightDecay)
        let eta = solver.learningRate(afterUpdates: t)
        optimizer.learningRate = eta
        let gradients = result.gradients
        network.updateParameters { parameters in optimizer.step(&parameters, gradients: gradients) }
        return Iteration(loss: result.cost / Double(indices.count), learningRate: eta, gradients: gradients)
    }

    /// A test point: test accuracy and mean loss.
    struct TestPoint {
        var iteration: Int
        var accuracy: Double
        var loss: Double
    }

    /// The traced test images' raw scores after `iteration` updates: classes × traced images.
    struct ScoreRecord {
        var iteration: Int
        var scores: Matrix
    }

    /// How often the traced images' scores are recorded: every 20 iterations (the tutorial's
    /// notebook records every 25 of 200), more often in a run of fewer than 600.
    static func scoreInterval(iterations: Int) -> Int { max(1, min(20, iterations / 30)) }

    /// The iterations after which the scores are recorded: 0, every `scoreInterval`, and the last.
    static func scorePoints(iterations: Int) -> [Int] {
        testPoints(iterations: iterations, interval: scoreInterval(iterations: iterations))
    }

    /// A whole run.
    struct Run {
        var network: Network
        var solver: LeNetSolver
        /// The mean batch loss of every iteration, in order.
        var losses: [Double]
        var tests: [TestPoint]
        /// The traced images' scores at every `scorePoints` iteration.
        var scores: [ScoreRecord]
        /// The gradients of the first update (before it was made), in `Network.parameters` order.
        var firstGradients: [Matrix]
        var secondsPerIteration: Double

        var finalAccuracy: Double { tests.last?.accuracy ?? .nan }
    }

    /// Trains `network` for `solver.iterations` iterations, testing at `testPoints` (printing a
    /// line through `report` at each) and recording the first `traced` test images' scores at `scorePoints`.
    static func train(
        _ network: Network, training: LabeledData, test: LabeledData, solver: LeNetSolver, traced: Int,
        generator: inout SeededGenerator, report: (TestPoint, _ loss: Double, _ eta: Double) -> Void = { _, _, _ in }
    ) throws -> Run {
        var network = network
        network.setConvolutionPrecision(solver.precision)
        var optimizer = Momentum(learningRate: solver.learningRate, momentum: solver.momentum)
        let workspaces = Network.ShardWorkspaces(network: network, shards: solver.shards)
        let tracedIndices = Array(0..<min(traced, test.count))
        let points = Set(testPoints(iterations: solver.iterations, interval: solver.testInterval))
        let scorePoints = Set(scorePoints(iterations: solver.iterations))
        var losses: [Double] = []
        var tests: [TestPoint] = []
        var scores: [ScoreRecord] = []
        func trace(_ t: Int) {
            guard !tracedIndices.isEmpty else { return }
            scores.append(ScoreRecord(iteration: t, scores: rawScores(network, on: test, indices: tracedIndices)))
        }
        var firstGradients: [Matrix] = []
        var trainingSeconds = 0.0
        func testNow(_ t: Int) {
            let measured = Evaluation.measure(
                network, on: test, cost: LogLikelihoodCost(), trainingCount: training.count)
            let point = TestPoint(iteration: t, accuracy: measured.accuracy, loss: measured.cost)
            tests.append(point)
            let recent = losses.suffix(solver.testInterval)
            report(
                point, recent.isEmpty ? .nan : recent.reduce(0, +) / Double(recent.count),
                solver.learningRate(afterUpdates: t))
        }
        testNow(0)
        trace(0)
        for t in 0..<solver.iterations {
            let start = ContinuousClock.now
            let step = try iterate(
                &network, optimizer: &optimizer, solver: solver, iteration: t, data: training,
                indices: batchIndices(iteration: t, batchSize: solver.batchSize, count: training.count),
                workspaces: workspaces, generator: &generator)
            trainingSeconds += seconds(since: start)
            if t == 0 { firstGradients = step.gradients }
            losses.append(step.loss)
            if points.contains(t + 1) { testNow(t + 1) }
            if scorePoints.contains(t + 1) { trace(t + 1) }
        }
        return Run(
            network: network, solver: solver, losses: losses, tests: tests, scores: scores,
            firstGradients: firstGradients,
            secondsPerIteration: trainingSeconds / Double(max(solver.iterations, 1)))
    }

    /// The softmax of every column of raw scores z (Eq. 4.4).
    static func probabilities(_ z: Matrix) -> Matrix { Softmax.apply(z) }
}
