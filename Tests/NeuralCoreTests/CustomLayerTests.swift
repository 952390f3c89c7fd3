// A reader's own layer, written here outside NeuralCore exactly as a learner would write it:
// it plugs into Network, trains, and passes the shared gradient check; a wrong backward pass for
// it is caught by the same check.

import NeuralCore
import TestSupport
import Testing

/// y = s ⊙ x with one learned scale sⱼ per feature (features × 1), on feature columns.
struct PerFeatureScale: Layer {
    var scales: Matrix
    /// When true, the backward pass forgets to average ∂C/∂s over the batch (a deliberate bug).
    var forgetsTheAverage = false

    var summary: String { "scale each of \(scales.rows) features" }

    func outputShape(for input: MapShape) -> MapShape? {
        input.isFlat && input.channels == scales.rows ? input : nil
    }

    struct Cache: Sendable { var input = Matrix(rows: 0, columns: 0) }
    func makeCache() -> Cache { Cache() }

    func forward(_ input: FeatureMaps, mode: LayerMode, cache: inout Cache, generator: inout SeededGenerator)
        -> FeatureMaps
    {
        cache.input = input.values
        let y = Matrix(rows: input.values.rows, columns: input.values.columns) { j, b in
            scales[j, 0] * input.values[j, b]
        }
        return FeatureMaps(channels: input.channels, batch: input.batch, height: 1, width: 1, values: y)
    }

    /// ∂C/∂x = s ⊙ g; ∂C/∂sⱼ = (1/B) Σ_b gⱼ_b xⱼ_b.
    func backward(_ g: FeatureMaps, cache: inout Cache, needsInputGradient: Bool) -> LayerGradients {
        let batch = Double(g.batch)
        let ds = Matrix(rows: scales.rows, columns: 1) { j, _ in
            (0..<g.batch).reduce(0) { $0 + g.values[j, $1] * cache.input[j, $1] } / (forgetsTheAverage ? 1 : batch)
        }
        let dx = Matrix(rows: g.values.rows, columns: g.values.columns) { j, b in scales[j, 0] * g.values[j, b] }
        return LayerGradients(
            input: needsInputGradient
                ? FeatureMaps(channels: g.channels, batch: g.batch, height: 1, width: 1, values: dx) : nil,
            parameters: [ds])
    }

    var parameters: [Matrix] {
        get { [scales] }
        set { scales = newValue[0] }
    }

    var isPenalized: [Bool] { [false] }
}

/// The whole network's gradients (of the mean cost) against central differences of its cost,
/// with dropout masks held fixed by reseeding.
func networkGradientError(_ network: Network, _ x: FeatureMaps, _ y: Matrix, cost: any Cost, seed: UInt64 = 5)
    -> Double
{
    func run(_ probe: Network) -> Network.Backpropagation {
        var copy = probe
        var workspace = copy.makeWorkspace()
        var generator = SeededGenerator(seed: seed)
        return copy.backpropagate(x, y, cost: cost, generator: &generator, workspace: &workspace)
    }
    let analytic = run(network).gradients
    let parameters = network.parameters
    var worst = 0.0
    for index in parameters.indices {
        let numeric = GradientCheck.numericGradient(
            of: { value in
                var probe = network
                var changed = parameters
                changed[index] = value
                probe.parameters = changed
                return run(probe).cost / Double(y.columns)
            }, at: parameters[index])
        let report = GradientCheck.compare(
            analytic: analytic[index], numeric: numeric, floor: Tolerance.centralDifferenceFloor)
        worst = max(worst, report.maxRelativeError)
    }
    return worst
}

@Suite("A reader's own layer — defined outside NeuralCore, trained by Network")
struct CustomLayerTests {
    static func scale(_ count: Int, seed: UInt64) -> PerFeatureScale {
        var generator = SeededGenerator(seed: seed)
        return PerFeatureScale(scales: Matrix.uniform(count, 1, low: 0.5, high: 1.5, using: &generator))
    }

    @Test("Its backward pass passes the shared check; a backward that forgets 1/B fails it")
    func sharedCheck() {
        var generator = SeededGenerator(seed: 1)
        let input = FeatureMaps(
            channels: 4, batch: 3, height: 1, width: 1, values: Matrix.gaussian(4, 3, using: &generator))
        let right = GradientCheck.layer(Self.scale(4, seed: 2), input: input)
        #expect(right.maxRelativeError < Tolerance.gradientCheckSmooth, "\(right)")
        var wrong = Self.scale(4, seed: 2)
        wrong.forgetsTheAverage = true
        let caught = GradientCheck.layer(wrong, input: input)
        #expect(caught.maxRelativeError > 0.5, "the check should catch the missing 1/B: \(caught)")
    }

    @Test("In a network: whole-network gradients match central differences, and training lowers the cost")
    func trainsInNetwork() throws {
        var generator = SeededGenerator(seed: 3)
        let data = LabeledData(ToyDatasets.moons(count: 200, noise: 0.1, using: &generator))
        var network = Network(
            input: .features(2),
            layers: [
                WeightInitialization.xavier.layer(inputs: 2, outputs: 8, activation: .tanh, using: &generator),
                Self.scale(8, seed: 4),
                WeightInitialization.xavier.layer(inputs: 8, outputs: 2, activation: .softmax, using: &generator),
            ])
        let indices = Array(0..<6)
        let error = networkGradientError(
            network, network.input(data, indices: indices), network.targets(data, indices: indices),
            cost: LogLikelihoodCost())
        #expect(error < Tolerance.gradientCheckSmooth)
        let before = Evaluation.cost(network, on: data, cost: LogLikelihoodCost())
        var optimizer = SGD(learningRate: 0.5)
        _ = try Trainer.train(
            &network, on: data, options: TrainingOptions(epochs: 20, batchSize: 10, cost: LogLikelihoodCost()),
            optimizer: &optimizer, generator: &generator)
        let after = Evaluation.cost(network, on: data, cost: LogLikelihoodCost())
        #expect(after < 0.5 * before, "cost \(before) → \(after)")
        #expect(Evaluation.accuracy(network, on: data) > 0.85)
        let learned = (network.layers[1] as? PerFeatureScale)?.scales
        #expect(learned != Self.scale(8, seed: 4).scales, "the optimizer updated the layer's own parameter")
    }

    @Test("A network with a layer of one's own cannot be saved, and says so in one line")
    func cannotBeSaved() {
        let network = Network(input: .features(3), layers: [Self.scale(3, seed: 5)])
        do {
            _ = try ModelFile.encode(network)
            Issue.record("saving a custom layer should fail")
        } catch {
            let message = "\(error)"
            #expect(message.contains("PerFeatureScale") && message.contains("not a built-in layer kind"))
            #expect(!message.contains("\n"))
        }
    }
}
