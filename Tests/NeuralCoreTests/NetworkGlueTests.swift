// Exact tests of the glue every network trains through: the penalty over every penalized
// parameter (convolution kernels included), the n of the penalty in evaluation and in the training
// loop, the cost reported with each output activation, and a small convolutional network's
// gradient end to end through the fused ReLU + max-pool stage, against the reverse-mode tape.

import Foundation
import NeuralCore
import TestSupport
import Testing

@Suite("Network glue — penalties, n, costs and the end-to-end convolutional gradient")
struct NetworkGlueTests {
    /// 1×5×5 images → conv 2 kernels 2×2 + ReLU + max-pool 2 → flatten 8 → dense 3 softmax.
    static func convolutional(seed: UInt64) -> Network {
        var generator = SeededGenerator(seed: seed)
        let g = ConvolutionGeometry(inputChannels: 1, outputChannels: 2, inputHeight: 5, inputWidth: 5, kernel: 2)
        var convolution = Convolution2D(geometry: g, using: &generator)
        convolution.biases = Matrix.gaussian(2, 1, standardDeviation: 0.2, using: &generator)
        return Network(
            input: MapShape(channels: 1, height: 5, width: 5),
            layers: [
                ConvolutionStage(convolution: convolution, activation: .relu, pooling: Pooling2D(.max, size: 2)),
                Flatten(),
                WeightInitialization.xavier.layer(inputs: 8, outputs: 3, activation: .softmax, using: &generator),
            ])
    }

    static func images(batch: Int, seed: UInt64) -> (FeatureMaps, Matrix) {
        var generator = SeededGenerator(seed: seed)
        let x = FeatureMaps(
            channels: 1, batch: batch, height: 5, width: 5, values: Matrix.gaussian(1, batch * 25, using: &generator))
        var y = Matrix(rows: 3, columns: batch)
        for b in 0..<batch { y[generator.integer(below: 3), b] = 1 }
        return (x, y)
    }

    @Test("Eq. 5.1–5.4 — the penalty and its gradient cover the convolution kernels and dense weights, not biases")
    func penaltyOverKernels() {
        let network = Self.convolutional(seed: 1)
        let parameters = network.parameters  // kernels, conv biases, dense weights, dense biases
        #expect(network.isPenalized == [true, false, true, false])
        let (lambda, n) = (2.0, 10)
        var gradients = parameters.map { Matrix(rows: $0.rows, columns: $0.columns) }
        Regularization.l2(lambda: lambda).addGradient(to: &gradients, of: network, trainingCount: n)
        #expect(gradients[0] == parameters[0].map { lambda / Double(n) * $0 })
        #expect(gradients[1] == Matrix(rows: 2, columns: 1))
        #expect(gradients[2] == parameters[2].map { lambda / Double(n) * $0 })
        #expect(gradients[3] == Matrix(rows: 3, columns: 1))
        let squares = parameters[0].dot(parameters[0]) + parameters[2].dot(parameters[2])
        expectClose(
            Regularization.l2(lambda: lambda).penalty(network, trainingCount: n), lambda / (2 * Double(n)) * squares,
            tolerance: Tolerance.exactArithmetic)
        var l1 = parameters.map { Matrix(rows: $0.rows, columns: $0.columns) }
        Regularization.l1(lambda: lambda).addGradient(to: &l1, of: network, trainingCount: n)
        #expect(l1[0] == parameters[0].map { lambda / Double(n) * ($0 > 0 ? 1 : -1) })
    }

    @Test("Eq. 5.1 — the evaluation penalty uses the training set's n, not the size of the set evaluated")
    func evaluationPenaltyUsesTrainingN() throws {
        var generator = SeededGenerator(seed: 2)
        let training = LabeledData(ToyDatasets.moons(count: 20, noise: 0.1, using: &generator))
        let validation = training.subset(0..<7)
        var network = Network(sizes: [2, 4, 2], output: .softmax, using: &generator)
        let lambda = 3.0
        let squares = network.denseLayers.reduce(0) { $0 + $1.weights.dot($1.weights) }
        let plain = Evaluation.cost(network, on: validation, cost: LogLikelihoodCost())
        let measured = Evaluation.measure(
            network, on: validation, cost: LogLikelihoodCost(), regularization: .l2(lambda: lambda), trainingCount: 20)
        expectClose(measured.cost, plain + lambda / (2 * 20) * squares, tolerance: Tolerance.exactArithmetic)
        // The training loop measures its evaluation sets with the same n.
        var optimizer = SGD(learningRate: 0)
        let records = try Trainer.train(
            &network, on: training,
            options: TrainingOptions(
                epochs: 1, batchSize: 5, cost: LogLikelihoodCost(), regularization: .l2(lambda: lambda),
                monitorTraining: true),
            optimizer: &optimizer, evaluation: [("validation", validation)], generator: &generator)
        let recorded = try #require(records.first?.evaluationCost["validation"])
        expectClose(recorded, plain + lambda / (2 * 20) * squares, tolerance: Tolerance.exactArithmetic)
    }

    @Test("Eq. 5.2 — one epoch of SGD with L2 equals the hand-computed updates w → (1 − ηλ/n)w − η∂C₀/∂w")
    func trainingLoopUsesTrainingN() throws {
        var generator = SeededGenerator(seed: 3)
        let training = LabeledData(ToyDatasets.moons(count: 5, noise: 0.1, using: &generator))
        let start = Network(sizes: [2, 3, 2], output: .softmax, using: &generator)
        let (eta, lambda, n, batchSize) = (0.5, 4.0, 5, 2)
        // The loop's own order of examples: one permutation from the same seeded generator.
        var loopGenerator = SeededGenerator(seed: 9)
        var orderGenerator = loopGenerator
        let order = orderGenerator.permutation(n)
        var expected = start
        for batchStart in stride(from: 0, to: n, by: batchSize) {
            let indices = Array(order[batchStart..<min(batchStart + batchSize, n)])
            var unused = SeededGenerator(seed: 0)
            let c0 = expected.backpropagate(
                training.inputs(indices), training.oneHotTargets(indices), cost: LogLikelihoodCost(),
                generator: &unused
            ).gradients
            expected.parameters = zip(zip(expected.parameters, c0), expected.isPenalized).map { pair, penalized in
                let (w, g) = pair
                return w.zipWith(g) { wi, gi in (penalized ? (1 - eta * lambda / Double(n)) * wi : wi) - eta * gi }
            }
        }
        var trained = start
        var optimizer = SGD(learningRate: eta)
        _ = try Trainer.train(
            &trained, on: training,
            options: TrainingOptions(
                epochs: 1, batchSize: batchSize, cost: LogLikelihoodCost(), regularization: .l2(lambda: lambda)),
            optimizer: &optimizer, generator: &loopGenerator)
        for (a, b) in zip(trained.parameters, expected.parameters) {
            expectClose(a, b, tolerance: Tolerance.exactArithmetic)
        }
    }

    @Test(
        "Eq. 3.3, 4.2, 4.5, 4.6 — the reported cost's central differences equal δᴸ for every allowed (cost, activation)"
    )
    func costsMatchTheirOutputError() {
        let pairs: [(any Cost, Activation)] = [
            (QuadraticCost(), .sigmoid), (QuadraticCost(), .softmax), (QuadraticCost(), .tanh),
            (QuadraticCost(), .identity), (CrossEntropyCost(), .sigmoid), (CrossEntropyCost(), .softmax),
            (LogLikelihoodCost(), .softmax), (LogLikelihoodCost(), .sigmoid),
        ]
        var generator = SeededGenerator(seed: 4)
        let z = Matrix.gaussian(4, 3, using: &generator)
        var y = Matrix(rows: 4, columns: 3)
        for column in 0..<3 { y[column, column] = 1 }
        for (cost, activation) in pairs {
            #expect(cost.refusal(outputActivation: activation) == nil)
            let a = activation.value(z)
            let delta = cost.outputError(z: z, output: a, target: y, activation: activation)
            let numeric = GradientCheck.numericGradient(
                of: { zz in cost.cost(z: zz, output: activation.value(zz), target: y, activation: activation) }, at: z)
            expectGradientsMatch(
                analytic: delta, numeric: numeric, tolerance: Tolerance.gradientCheckSmooth,
                floor: Tolerance.centralDifferenceFloor, "\(cost.name) with \(activation)")
        }
    }

    @Test("Costs that take ln a refuse outputs that can be ≤ 0, in one line, and training refuses them too")
    func refusedPairs() throws {
        for activation in [Activation.identity, .relu, .tanh] {
            for cost in [CrossEntropyCost() as any Cost, LogLikelihoodCost()] {
                let reason = try #require(cost.refusal(outputActivation: activation))
                #expect(!reason.contains("\n") && reason.contains("\(activation)"))
            }
        }
        var generator = SeededGenerator(seed: 5)
        var network = Network(sizes: [2, 3, 2], output: .identity, using: &generator)
        let data = LabeledData(ToyDatasets.moons(count: 10, noise: 0.1, using: &generator))
        var optimizer = SGD(learningRate: 0.1)
        #expect(throws: TrainingRefused.self) {
            _ = try Trainer.train(
                &network, on: data, options: TrainingOptions(epochs: 1, batchSize: 5, cost: CrossEntropyCost()),
                optimizer: &optimizer, generator: &generator)
        }
    }

    @Test("Eq. 6.7–6.12 — a conv network through the fused ReLU + max-pool stage: gradients vs central differences")
    func convolutionalCentralDifferences() {
        let network = Self.convolutional(seed: 6)
        let (x, y) = Self.images(batch: 3, seed: 7)
        #expect(networkGradientError(network, x, y, cost: LogLikelihoodCost()) < Tolerance.gradientCheckKink)
    }

    @Test("Eq. 6.7–6.12 — the same conv network's gradients equal the reverse-mode tape's")
    func convolutionalTape() {
        let network = Self.convolutional(seed: 8)
        let (x, y) = Self.images(batch: 2, seed: 9)
        var probe = network
        var workspace = probe.makeWorkspace()
        var unused = SeededGenerator(seed: 0)
        let analytic = probe.backpropagate(x, y, cost: LogLikelihoodCost(), generator: &unused, workspace: &workspace)
            .gradients
        let stage = network.layers[0] as! ConvolutionStage
        let dense = network.layers[2] as! DenseLayer
        let kernels = stage.convolution.weights.elements.map { Value($0) }  // 2 × (1·2·2)
        let convBiases = stage.convolution.biases.elements.map { Value($0) }
        let weights = dense.weights.elements.map { Value($0) }  // 3 × 8
        let biases = dense.biases.elements.map { Value($0) }
        var terms: [Value] = []
        for b in 0..<x.batch {
            var features: [Value] = []
            for c in 0..<2 {
                // z[oy][ox] = Σ w·x + b, ReLU, then the larger of each 2×2 window of the 4×4 map.
                var a = [[Value]](repeating: [], count: 4)
                for oy in 0..<4 {
                    for ox in 0..<4 {
                        var products: [Value] = [convBiases[c]]
                        for ky in 0..<2 {
                            for kx in 0..<2 {
                                products.append(kernels[c * 4 + ky * 2 + kx] * x[0, b, oy + ky, ox + kx])
                            }
                        }
                        a[oy].append(Value.sum(products).relu())
                    }
                }
                for py in 0..<2 {
                    for px in 0..<2 {
                        let window = [
                            a[2 * py][2 * px], a[2 * py][2 * px + 1], a[2 * py + 1][2 * px], a[2 * py + 1][2 * px + 1],
                        ]
                        features.append(window.max { $0.data < $1.data }!)
                    }
                }
            }
            var logits: [Value] = []
            for j in 0..<3 {
                var products: [Value] = [biases[j]]
                for k in 0..<8 { products.append(weights[j * 8 + k] * features[k]) }
                logits.append(Value.sum(products))
            }
            let exponentials = logits.map { $0.exp() }
            let total = Value.sum(exponentials)
            let label = (0..<3).first { y[$0, b] == 1 }!
            terms.append(-(exponentials[label] / total).log())
        }
        let cost = Value.sum(terms) / Double(x.batch)
        cost.backward()
        let tape = [
            Matrix(rows: 2, columns: 4, elements: kernels.map(\.grad)), Matrix(column: convBiases.map(\.grad)),
            Matrix(rows: 3, columns: 8, elements: weights.map(\.grad)), Matrix(column: biases.map(\.grad)),
        ]
        for (index, expected) in tape.enumerated() {
            expectGradientsMatch(
                analytic: analytic[index], numeric: expected, tolerance: Tolerance.twoAnalyticGradients,
                "parameter \(index)")
        }
    }
}
