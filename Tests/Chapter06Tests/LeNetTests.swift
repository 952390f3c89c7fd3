// Sections 6.6–6.8: Caffe's LeNet — its shape table, the solver's glue (weight decay, inv policy,
// batches, one momentum step by hand), the recorded scores, and the pixel shifts of 6.8.

import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter06

@Suite("Chapter 06 — Caffe's LeNet (6.6–6.8)")
struct LeNetTests {
    static func lenet(seed: UInt64 = 1) -> Network {
        var generator = SeededGenerator(seed: seed)
        return LeNet.network(height: 28, width: 28, classes: 10, using: &generator)
    }

    /// `count` seeded images of uniform pixels in [0, 1] with seeded labels.
    static func noise(_ count: Int, features: Int = 784, seed: UInt64 = 4) -> LabeledData {
        var generator = SeededGenerator(seed: seed)
        return LabeledData(
            examples: Matrix.uniform(count, features, low: 0, high: 1, using: &generator),
            labels: (0..<count).map { _ in generator.integer(below: 10) }, classes: 10)
    }

    @Test(
        "The shape table read from the network for a batch of 64 is the tutorial's, blob by blob and parameter by parameter"
    )
    func shapeTable() {
        let network = Self.lenet()
        let data = Self.noise(64)
        let table = LeNet.shapeTable(network, batch: network.input(data, indices: Array(0..<64)))
        #expect(
            table.blobs.map(\.text) == [
                "64×1×28×28", "64×20×24×24", "64×20×12×12", "64×50×8×8", "64×50×4×4", "64×500", "64×10",
            ])
        #expect(table.blobs.map(\.name) == ["data", "conv1", "pool1", "conv2", "pool2", "ip1", "ip2"])
        #expect(
            table.parameters.map(\.text) == ["20×1×5×5", "20", "50×20×5×5", "50", "500×800", "500", "10×500", "10"])
        // 520 + 25,050 + 400,500 + 5,010.
        #expect(network.parameterCount == 431_080)
    }

    @Test("Caffe's net: no activation after the convolutions, max-pooling 2 with stride 2, ReLU only on ip1")
    func layers() {
        let network = Self.lenet()
        let stages = network.layers.compactMap { $0 as? ConvolutionStage }
        #expect(stages.count == 2 && stages.allSatisfy { $0.activation == .identity })
        #expect(stages.allSatisfy { $0.pooling == Pooling2D(.max, size: 2, stride: 2) })
        #expect(network.denseLayers.map(\.activation) == [.relu, .softmax])
        #expect(network.parameters.enumerated().allSatisfy { $0.offset % 2 == 0 || $0.element.maxAbs() == 0 })
    }

    @Test("Eq. 6.13 — every LeNet weight lies within ±√(3/n_in) of its own layer")
    func xavierBounds() {
        let network = Self.lenet()
        let fanIns = [25, 500, 800, 500]
        let weights = stride(from: 0, to: network.parameters.count, by: 2).map { network.parameters[$0] }
        for (w, fanIn) in zip(weights, fanIns) {
            let a = XavierUniform.bound(fanIn: fanIn)
            #expect(w.elements.allSatisfy { abs($0) <= a } && w.maxAbs() > 0.95 * a, "fan-in \(fanIn)")
        }
    }

    @Test("Eq. 6.15 — weight decay adds d·θ to every gradient, biases included; d = 5·10⁻⁴ is λ = 30 for 60,000 images")
    func weightDecay() {
        var gradients = [Matrix(rows: 1, columns: 2, elements: [1, -1]), Matrix(rows: 1, columns: 1, elements: [0.5])]
        let parameters = [Matrix(rows: 1, columns: 2, elements: [2, 4]), Matrix(rows: 1, columns: 1, elements: [-6])]
        LeNet.addWeightDecay(&gradients, parameters: parameters, decay: 0.5)
        #expect(gradients[0].elements == [2, 1])
        #expect(gradients[1].elements == [-2.5])
        #expect(LeNet.equivalentLambda(decay: 5e-4, trainingCount: 60_000) == 30)

        // On the weights, Caffe's d equals Eq. 5.1's λ/n; on the biases only Caffe decays.
        let network = Self.lenet(seed: 2)
        let zero = network.parameters.map { Matrix(rows: $0.rows, columns: $0.columns) }
        var caffe = zero
        LeNet.addWeightDecay(&caffe, parameters: network.parameters, decay: 5e-4)
        var nielsen = zero
        Regularization.l2(lambda: 30).addGradient(to: &nielsen, of: network, trainingCount: 60_000)
        for index in zero.indices where index % 2 == 0 {
            expectClose((caffe[index] - nielsen[index]).maxAbs(), 0, tolerance: 1e-18, "weights \(index)")
        }
        #expect(network.isPenalized == [true, false, true, false, true, false, true, false])
    }

    @Test("Caffe's data layer: batches in stored order, wrapping around after the last image")
    func batches() {
        #expect(LeNet.batchIndices(iteration: 0, batchSize: 64, count: 60_000) == Array(0..<64))
        #expect(LeNet.batchIndices(iteration: 1, batchSize: 64, count: 60_000) == Array(64..<128))
        // 937 · 64 = 59,968: the last 32 images, then the first 32.
        #expect(
            LeNet.batchIndices(iteration: 937, batchSize: 64, count: 60_000) == Array(59_968..<60_000) + Array(0..<32))
        #expect(LeNet.batchIndices(iteration: 2, batchSize: 3, count: 5) == [1, 2, 3])
    }

    @Test("Tests at iteration 0, every interval, and the last iteration")
    func testPoints() {
        #expect(LeNet.testPoints(iterations: 10_000, interval: 500) == Array(stride(from: 0, through: 10_000, by: 500)))
        #expect(LeNet.testPoints(iterations: 10_000, interval: 500).count == 21)
        #expect(LeNet.testPoints(iterations: 60, interval: 25) == [0, 25, 50, 60])
    }

    @Test("Eq. 6.14 — the recipe's η: 0.01 at the first update, 0.01 · 2^(−0.75) after 10,000")
    func schedule() {
        let solver = LeNetSolver()
        #expect(solver.learningRate(afterUpdates: 0) == 0.01)
        expectClose(
            solver.learningRate(afterUpdates: 10_000), 0.01 * pow(2, -0.75), tolerance: Tolerance.exactArithmetic)
        #expect(solver.iterations == LeNetRecipe.defaultIterations && solver.testInterval == 500)
        // Caffe's MNIST example logs "Iteration 100, lr = 0.00992565".
        #expect(abs(solver.learningRate(afterUpdates: 100) - 0.009_925_65) < 5e-9)
    }

    @Test("Two solver iterations equal Eq. 5.10 with Eq. 6.14's η and Eq. 6.15's decay, computed by hand")
    func twoIterationsByHand() throws {
        var generator = SeededGenerator(seed: 3)
        let start = Network(sizes: [4, 3, 2], hidden: .relu, output: .softmax, initialization: .he, using: &generator)
        let data = Self.noise(6, features: 4, seed: 5)
        let data2 = LabeledData(examples: data.examples, labels: data.labels.map { $0 % 2 }, classes: 2)
        var solver = LeNetSolver()
        solver.learningRate = 0.1
        solver.gamma = 0.5
        solver.power = 1
        solver.weightDecay = 0.01
        solver.batchSize = 3
        // By hand: g = ∇C₀ + dθ; v₁ = −η₀g₀, θ₁ = θ₀ + v₁; v₂ = μv₁ − η₁g₁ with η₁ = η₀/(1 + γ).
        func gradient(_ network: Network, _ indices: [Int]) -> [Matrix] {
            var g = network.backpropagate(
                data2.inputs(indices), data2.oneHotTargets(indices), cost: LogLikelihoodCost(), generator: &generator
            ).gradients
            for i in g.indices { g[i].addScaled(network.parameters[i], by: 0.01) }
            return g
        }
        var expected = start
        let g0 = gradient(expected, [0, 1, 2])
        let v1 = g0.map { -0.1 * $0 }
        expected.parameters = zip(expected.parameters, v1).map { $0 + $1 }
        let g1 = gradient(expected, [3, 4, 5])
        let v2 = zip(v1, g1).map { 0.9 * $0 - (0.1 / 1.5) * $1 }
        expected.parameters = zip(expected.parameters, v2).map { $0 + $1 }

        var network = start
        var optimizer = Momentum(learningRate: 1, momentum: 0.9)
        // Two shards (the chapter's default): batches of 3 split 2 + 1.
        let workspaces = Network.ShardWorkspaces(network: network, shards: solver.shards)
        var etas: [Double] = []
        for t in 0..<2 {
            let step = try LeNet.iterate(
                &network, optimizer: &optimizer, solver: solver, iteration: t, data: data2,
                indices: LeNet.batchIndices(iteration: t, batchSize: 3, count: 6), workspaces: workspaces,
                generator: &generator)
            etas.append(step.learningRate)
        }
        #expect(etas == [0.1, 0.1 / 1.5])
        for (a, b) in zip(network.parameters, expected.parameters) {
            expectClose((a - b).maxAbs(), 0, tolerance: Tolerance.exactArithmetic)
        }
    }

    @Test("LeNet's gradients (identity convolutions, max-pooling, ReLU, softmax) against central differences")
    func gradientCheck() {
        // A LeNet in miniature: 1×10×10 → conv 3×3 ×3 → pool 2 → conv 2×2 ×2 → pool 2 → dense 4 ReLU → 3.
        var generator = SeededGenerator(seed: 8)
        var layers: [any Layer] = []
        var shape = MapShape(channels: 1, height: 10, width: 10)
        for (kernel, channels) in [(3, 3), (2, 2)] {
            let geometry = ConvolutionGeometry(
                inputChannels: shape.channels, outputChannels: channels, inputHeight: shape.height,
                inputWidth: shape.width, kernel: kernel)
            var convolution = Convolution2D(geometry: geometry, initialization: .xavierUniform, using: &generator)
            convolution.biases = Matrix.gaussian(channels, 1, standardDeviation: 0.1, using: &generator)
            let stage = ConvolutionStage(
                convolution: convolution, activation: .identity, pooling: Pooling2D(.max, size: 2, stride: 2))
            layers.append(stage)
            shape = stage.outputMaps
        }
        var hidden = XavierUniform.layer(inputs: shape.count, outputs: 4, activation: .relu, using: &generator)
        hidden.biases = Matrix(rows: 4, columns: 1, elements: [0.3, 0.2, 0.4, 0.1])
        layers += [
            Flatten(), hidden, XavierUniform.layer(inputs: 4, outputs: 3, activation: .softmax, using: &generator),
        ]
        let network = Network(input: MapShape(channels: 1, height: 10, width: 10), layers: layers)
        let x = FeatureMaps(
            channels: 1, batch: 2, height: 10, width: 10, values: Matrix.gaussian(1, 200, using: &generator))
        let y = Matrix(rows: 3, columns: 2, elements: [1, 0, 0, 0, 0, 1])
        var probe = network
        var workspace = probe.makeWorkspace()
        let analytic = probe.backpropagate(
            x, y, cost: LogLikelihoodCost(), generator: &generator, workspace: &workspace
        ).gradients
        let parameters = network.parameters
        for index in parameters.indices {
            let numeric = GradientCheck.numericGradient(
                of: { p in
                    var probe = network
                    var all = parameters
                    all[index] = p
                    probe.parameters = all
                    let a = probe.feedforward(x).values
                    return -y.dot(a.map { Foundation.log($0) }) / 2
                }, at: parameters[index])
            expectGradientsMatch(
                analytic: analytic[index], numeric: numeric, tolerance: Tolerance.gradientCheckKink,
                floor: Tolerance.centralDifferenceFloor, "parameter matrix \(index)")
        }
    }

    @Test("The recorded raw scores z give the network's own probabilities through the softmax")
    func rawScores() {
        let network = Self.lenet(seed: 3)
        let data = Self.noise(5)
        let z = LeNet.rawScores(network, on: data, indices: [0, 2, 4])
        let p = network.feedforward(network.input(data, indices: [0, 2, 4])).values
        expectClose((LeNet.probabilities(z) - p).maxAbs(), 0, tolerance: Tolerance.exactArithmetic)
        #expect(z.rows == 10 && z.columns == 3)
    }

    @Test(
        "A 40-iteration seeded run records the first loss, 3 tests, 8 images' scores after every iteration, and the first gradients"
    )
    func shortRun() throws {
        var generator = SeededGenerator(seed: 1)
        let network = LeNet.network(height: 28, width: 28, classes: 10, using: &generator)
        var solver = LeNetSolver()
        solver.iterations = 40
        solver.testInterval = 20
        let run = try LeNet.train(
            network, training: Self.noise(200), test: Self.noise(30, seed: 6), solver: solver, traced: 8,
            generator: &generator)
        #expect(run.losses.count == 40)
        #expect(run.tests.map(\.iteration) == [0, 20, 40])
        // Fewer than 300 iterations: the scores are recorded after every one, and at 0.
        #expect(run.scores.map(\.iteration) == Array(0...40))
        #expect(run.scores.allSatisfy { $0.scores.rows == 10 && $0.scores.columns == 8 })
        #expect(LeNet.scorePoints(iterations: 2_000) == Array(stride(from: 0, through: 2_000, by: 20)))
        #expect(LeNet.scoreInterval(iterations: 60) == 2)
        // The first loss is that of the untrained network on the first batch, near ln 10.
        let first = Evaluation.cost(
            network,
            on: LabeledData(
                examples: Self.noise(200).examples, labels: Self.noise(200).labels, classes: 10
            ).subset(0..<64), cost: LogLikelihoodCost())
        expectClose(run.losses[0], first, tolerance: 1e-12)
        #expect(abs(run.losses[0] - log(10)) < 0.2)
        #expect(
            run.firstGradients.count == 8 && run.firstGradients[0].rows == 20 && run.firstGradients[0].columns == 25)
    }

    @Test(
        "An untrained LeNet on the first 64 MNIST training images starts within 0.2 of ln 10, above it",
        .enabled(if: SharedData.has(.mnist), "the real MNIST files are not in ../shared/data or WORKBOOK_DATA"))
    func initialLossOnMNIST() throws {
        var generator = SeededGenerator(seed: 1)
        let loaded = try SharedData.load(.mnist, generator: &generator)
        let batch = LabeledData(loaded.train).subset(0..<64)
        var seeds = SeededGenerator(seed: 7)
        for _ in 0..<3 {
            var fork = seeds.fork()
            let network = LeNet.network(height: 28, width: 28, classes: 10, using: &fork)
            let loss = Evaluation.cost(network, on: batch, cost: LogLikelihoodCost())
            #expect(loss > log(10) && loss - log(10) < 0.2, "loss \(loss)")
        }
    }
}

@Suite("Chapter 06 — shifted digits (6.8)")
struct TranslationTests {
    @Test("Eq. 6.16 — shifting moves every pixel by (dx, dy) and fills with zeros")
    func shiftExactly() {
        // 3 × 4: row i, column j holds 10i + j + 1.
        let image = (0..<3).flatMap { i in (0..<4).map { j in Double(10 * i + j + 1) } }
        #expect(
            Translation.shifted(image, height: 3, width: 4, dx: 1, dy: 0) == [
                0, 1, 2, 3, 0, 11, 12, 13, 0, 21, 22, 23,
            ])
        #expect(
            Translation.shifted(image, height: 3, width: 4, dx: 0, dy: -1) == [
                11, 12, 13, 14, 21, 22, 23, 24, 0, 0, 0, 0,
            ])
        #expect(
            Translation.shifted(image, height: 3, width: 4, dx: -2, dy: 1) == [
                0, 0, 0, 0, 3, 4, 0, 0, 13, 14, 0, 0,
            ])
        #expect(Translation.shifted(image, height: 3, width: 4, dx: 0, dy: 0) == image)
        #expect(Translation.shifted(image, height: 3, width: 4, dx: 4, dy: 0).allSatisfy { $0 == 0 })
        // Right then left restores everything but the column that fell off.
        let back = Translation.shifted(
            Translation.shifted(image, height: 3, width: 4, dx: 1, dy: 0), height: 3, width: 4, dx: -1, dy: 0)
        #expect(back == [1, 2, 3, 0, 11, 12, 13, 0, 21, 22, 23, 0])
    }

    @Test("Four directions per shift (right, down, left, up), one for no shift; whole data sets shift image by image")
    func directionsAndSets() {
        #expect(Translation.directions(0).map { [$0.dx, $0.dy] } == [[0, 0]])
        #expect(Translation.directions(2).map { [$0.dx, $0.dy] } == [[2, 0], [0, 2], [-2, 0], [0, -2]])
        let data = LeNetTests.noise(3, features: 12)
        let moved = Translation.shifted(data, height: 3, width: 4, dx: 1, dy: 1)
        #expect(moved.labels == data.labels)
        for row in 0..<3 {
            #expect(
                moved.examples.row(row)
                    == Translation.shifted(data.examples.row(row), height: 3, width: 4, dx: 1, dy: 1))
        }
    }
}

@Suite("Chapter 06 — the ensemble's vote (6.9)")
struct EnsembleVoteTests {
    @Test("The vote is the class most members predict; a tie goes to the larger summed probability")
    func voteByHand() {
        // Three members, three classes, four examples (columns).
        let a = Matrix(rows: 3, columns: 4, elements: [0.6, 0.2, 0.55, 0.1, 0.3, 0.7, 0.3, 0.1, 0.1, 0.1, 0.15, 0.8])
        let b = Matrix(rows: 3, columns: 4, elements: [0.5, 0.1, 0.2, 0.2, 0.4, 0.8, 0.7, 0.1, 0.1, 0.1, 0.1, 0.7])
        let c = Matrix(rows: 3, columns: 4, elements: [0.1, 0.3, 0.1, 0.6, 0.8, 0.6, 0.1, 0.3, 0.1, 0.1, 0.8, 0.1])
        // Example 0: votes 0, 0, 1 → 0. Example 1: 1, 1, 1 → 1. Example 2: 0, 1, 2, a three-way tie;
        // the sums are 0.85, 1.1, 1.05 → 1. Example 3: 2, 2, 0 → 2.
        #expect(EnsembleRecipe.vote([a, b, c]) == [0, 1, 1, 2])
        // Two members disagreeing on example 0 (a says 0, c says 1): the sums 0.7 and 1.1 decide.
        #expect(EnsembleRecipe.vote([a, c].map { $0.columns([0]) }) == [1])
        #expect(EnsembleRecipe.vote([a]) == a.argmaxPerColumn())
        #expect(EnsembleRecipe.accuracy([0, 1, 1, 2], labels: [0, 1, 2, 2]) == 0.75)
    }

    @Test("Probabilities computed 500 images at a time equal one pass over all of them")
    func chunkedProbabilities() {
        let network = LeNetTests.lenet(seed: 4)
        let data = LeNetTests.noise(7)
        let whole = network.feedforward(network.input(data, indices: Array(0..<7))).values
        expectClose((LeNet.probabilities(network, on: data) - whole).maxAbs(), 0, tolerance: Tolerance.exactArithmetic)
    }
}

@Suite("Chapter 06 — the knobs of 6.6–6.9")
struct LeNetKnobsTests {
    @Test("The tutorial's solver by default (2,000 iterations), 60 with --quick unless given; refused values")
    func knobs() throws {
        let defaults = try LeNetKnobs.parse([])
        #expect(defaults.solver(quick: false) == LeNetSolver())
        #expect(defaults.solver(quick: false).iterations == 2_000 && defaults.solver(quick: false).testInterval == 500)
        #expect(defaults.solver(quick: true).iterations == 60 && defaults.solver(quick: true).testInterval == 20)
        #expect(defaults.ensembleSize(quick: false) == 0 && defaults.ensembleSize(quick: true) == 2)
        #expect(defaults.changedSettings.isEmpty)
        let set = try LeNetKnobs.parse([
            "--lenet-iterations", "10000", "--weight-decay", "0", "--ensemble", "4", "--lenet-eta", "0.05",
        ])
        let solver = set.solver(quick: true)
        #expect(solver.iterations == 10_000 && solver.weightDecay == 0 && solver.learningRate == 0.05)
        #expect(solver.testInterval == 20 && set.ensembleSize(quick: false) == 4)
        #expect(set.changedSettings.map(\.option) == ["lenet-iterations", "lenet-eta", "weight-decay", "ensemble"])
        for bad in [
            ["--lenet-iterations", "0"], ["--ensemble", "11"], ["--weight-decay", "-1"], ["--lenet-eta", "0"],
        ] {
            #expect(throws: (any Error).self, "\(bad)") { try LeNetKnobs.parse(bad) }
        }
    }
}
