// Checks of exercise 6.9 (Eq. 6.7–6.9 in matrix form, with the core's 1/B): the §6.4 example,
// central differences on a mini-batch, the core's Convolution2D.backward, and a network with
// your layer that learns to tell vertical from horizontal bars, step for step like the core's.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check(
        "Eq. 6.8, Eq. 6.9, Eq. 6.7 — the example of §6.4 as matrices (B = 1): δ X_colᵀ = [21 2.5 31.5 30], Σ δ = 16.5, col2im(Wᵀδ) = ∂C/∂x"
    ) {
        let layer = coreLayer(
            kernel: BackpropExample.kernel, bias: BackpropExample.bias, inputRows: 4, inputColumns: 4)
        let patches = Im2Col.patches(FeatureMaps(image: BackpropExample.input), geometry: layer.geometry)
        let delta = Matrix(row: BackpropExample.delta.elements)
        let got = try convolutionBackward(delta: delta, patches: patches, weights: layer.weights, batch: 1)
        try expectClose(
            got.weights, Matrix(row: [21, 2.5, 31.5, 30]), "∂C/∂W",
            diagnoses: matrixBackwardMistakes(delta, patches, layer.weights, 1).weights)
        try expectClose(got.biases, Matrix(column: [16.5]), "∂C/∂b")
        try expectClose(
            got.patches, layer.weights.transposed * delta, "∂C/∂X_col",
            diagnoses: matrixBackwardMistakes(delta, patches, layer.weights, 1).patches)
        var dx = FeatureMaps.empty
        Im2Col.accumulate(got.patches, geometry: layer.geometry, batch: 1, into: &dx)
        try expectClose(
            dx.map(channel: 0, example: 0), coreInputGradient(BackpropExample.delta, BackpropExample.kernel),
            "col2im(∂C/∂X_col) = ∂C/∂x")
    },
    Check(
        "Eq. 6.8, Eq. 6.9, Eq. 6.7 — central differences on a mini-batch of 4 (2 → 3 channels, stride 2, padding 1): parameters of the mean cost, ∂C/∂x of the sum"
    ) {
        let (layer, input, g) = miniBatchCase(seed: 79)
        let cache = layer.forward(input).cache
        let got = try convolutionBackward(
            delta: g.values, patches: cache.patches, weights: layer.weights, batch: input.batch)
        let mistakes = matrixBackwardMistakes(g.values, cache.patches, layer.weights, input.batch)
        // C = Σ g ⊙ Z over the batch; the parameters' gradients are of C / B.
        func cost(_ probe: Convolution2D, _ x: FeatureMaps) -> Double { probe.forward(x).z.values.dot(g.values) }
        let batch = Double(input.batch)
        let numericW = GradientCheck.numericGradient(
            of: { w in
                var probe = layer
                probe.weights = w
                return cost(probe, input) / batch
            }, at: layer.weights)
        try expectGradient(got.weights, matches: numericW, "∂C/∂W", diagnoses: mistakes.weights)
        let numericB = GradientCheck.numericGradient(
            of: { b in
                var probe = layer
                probe.biases = b
                return cost(probe, input) / batch
            }, at: layer.biases)
        try expectGradient(got.biases, matches: numericB, "∂C/∂b", diagnoses: mistakes.biases)
        var dx = FeatureMaps.empty
        Im2Col.accumulate(got.patches, geometry: layer.geometry, batch: input.batch, into: &dx)
        let numericX = GradientCheck.numericGradient(
            of: { values in
                cost(
                    layer,
                    FeatureMaps(
                        channels: 2, batch: input.batch, height: input.height, width: input.width, values: values))
            }, at: input.values)
        try expectGradient(dx.values, matches: numericX, "∂C/∂x = col2im(∂C/∂X_col)")
    },
    Check(
        "Eq. 6.8, Eq. 6.9, Eq. 6.7 — your layer's backward equals the core's Convolution2D.backward (the same mini-batch)"
    ) {
        let (layer, input, g) = miniBatchCase(seed: 80)
        var yours = YourConvolution(convolution: layer)
        var core = layer
        var generator = SeededGenerator(seed: 1)
        var yourCache = yours.makeCache()
        var coreCache = core.makeCache()
        _ = yours.forward(input, mode: .training, cache: &yourCache, generator: &generator)
        _ = core.forward(input, mode: .training, cache: &coreCache, generator: &generator)
        // Surface "not done yet" before comparing.
        _ = try convolutionBackward(
            delta: g.values, patches: yourCache.patches, weights: layer.weights, batch: input.batch)
        let mine = yours.backward(g, cache: &yourCache, needsInputGradient: true)
        let theirs = core.backward(g, cache: &coreCache, needsInputGradient: true)
        let mistakes = matrixBackwardMistakes(g.values, coreCache.patches, layer.weights, input.batch)
        try expectClose(mine.parameters[0], theirs.parameters[0], "∂C/∂W", diagnoses: mistakes.weights)
        try expectClose(mine.parameters[1], theirs.parameters[1], "∂C/∂b", diagnoses: mistakes.biases)
        try expectClose(mine.input!.values, theirs.input!.values, "∂C/∂x")
    },
    Check(
        "Eq. 6.8, Eq. 6.9, Eq. 6.7 — a network with your layer learns vertical from horizontal bars (≥ 95%), step for step like the core's"
    ) {
        // 8×8 images of one bar, vertical (class 0) or horizontal (class 1), at a random place, with noise.
        var generator = SeededGenerator(seed: 81)
        func bars(_ count: Int) -> LabeledData {
            var examples = Matrix(rows: count, columns: 64)
            var labels: [Int] = []
            for e in 0..<count {
                let label = generator.integer(below: 2)
                let place = generator.integer(below: 8)
                for y in 0..<8 {
                    for x in 0..<8 {
                        let on = label == 0 ? x == place : y == place
                        examples[e, y * 8 + x] = (on ? 1 : 0) + 0.2 * generator.gaussian()
                    }
                }
                labels.append(label)
            }
            return LabeledData(examples: examples, labels: labels, classes: 2)
        }
        let training = bars(200)
        let test = bars(100)
        let geometry = ConvolutionGeometry(
            inputChannels: 1, outputChannels: 4, inputHeight: 8, inputWidth: 8, kernel: 3)
        let convolution = Convolution2D(geometry: geometry, using: &generator)
        let dense = WeightInitialization.he.layer(inputs: 36, outputs: 2, activation: .softmax, using: &generator)
        func network(_ first: any Layer) -> Network {
            Network(
                input: MapShape(channels: 1, height: 8, width: 8),
                layers: [first, ActivationLayer(.relu), Pooling2D(.max, size: 2), Flatten(), dense])
        }
        var yours = network(YourConvolution(convolution: convolution))
        var core = network(convolution)
        let options = TrainingOptions(epochs: 8, batchSize: 10, cost: LogLikelihoodCost())
        var optimizer = SGD(learningRate: 0.2)
        var yourGenerator = SeededGenerator(seed: 82)
        _ = try convolutionBackward(
            delta: Matrix(rows: 4, columns: 36), patches: Matrix(rows: 9, columns: 36),
            weights: convolution.weights, batch: 1)
        _ = try Trainer.train(&yours, on: training, options: options, optimizer: &optimizer, generator: &yourGenerator)
        optimizer = SGD(learningRate: 0.2)
        var coreGenerator = SeededGenerator(seed: 82)
        _ = try Trainer.train(&core, on: training, options: options, optimizer: &optimizer, generator: &coreGenerator)
        let accuracy = Evaluation.accuracy(yours, on: test)
        let coreAccuracy = Evaluation.accuracy(core, on: test)
        try expect(
            accuracy >= 0.95,
            "after 8 epochs the network with your layer classifies \(formatted(100 * accuracy))% of 100 test bars "
                + "correctly; the same network with the core's layer: \(formatted(100 * coreAccuracy))%")
        try expectClose(
            yours.parameters[0], core.parameters[0], "the trained kernels (yours against the core's)", tolerance: 1e-8)
    },
]

/// A convolution of 2 → 3 channels (3×3, stride 2, padding 1) on a mini-batch of 4 examples of
/// 2×6×7, and an upstream gradient g = ∂C/∂Z.
func miniBatchCase(seed: UInt64) -> (Convolution2D, FeatureMaps, FeatureMaps) {
    var generator = SeededGenerator(seed: seed)
    let geometry = ConvolutionGeometry(
        inputChannels: 2, outputChannels: 3, inputHeight: 6, inputWidth: 7, kernel: 3, stride: 2, padding: 1)
    var layer = Convolution2D(geometry: geometry, using: &generator)
    layer.biases = Matrix.gaussian(3, 1, using: &generator)
    let input = FeatureMaps(channels: 2, batch: 4, height: 6, width: 7) { _, _, _, _ in generator.gaussian() }
    let g = FeatureMaps(channels: 3, batch: 4, height: geometry.outputHeight, width: geometry.outputWidth) {
        _, _, _, _ in generator.gaussian()
    }
    return (layer, input, g)
}

/// The classic wrong answers, from the same δ, X_col, W and B.
func matrixBackwardMistakes(_ delta: Matrix, _ patches: Matrix, _ weights: Matrix, _ batch: Int)
    -> (weights: [Diagnosis], biases: [Diagnosis], patches: [Diagnosis])
{
    let b = Double(batch)
    return (
        [
            Diagnosis(
                "the 1/B is missing: the core's layers return the gradient of the MEAN cost over the mini-batch, δ X_colᵀ / B"
            ) {
                batch > 1 ? delta * patches.transposed : nil
            },
            Diagnosis(
                "divided by the number of columns of δ (B·OH·OW) instead of B: only the examples are averaged, the positions are summed (Eq. 6.8)"
            ) {
                delta * patches.transposed / Double(delta.columns)
            },
        ],
        [
            Diagnosis("the 1/B is missing: ∂C/∂b of the mean cost is Σ δ / B") { batch > 1 ? delta.rowSums() : nil },
            Diagnosis(
                "∂C/∂b is averaged over every column of δ: the positions are summed (Eq. 6.9), only the examples averaged"
            ) {
                delta.rowSums() / Double(delta.columns)
            },
        ],
        [
            Diagnosis(
                "∂C/∂X_col was divided by B: the input's gradient is of the summed cost, Wᵀ δ (the layer below divides its own parameters' gradients)"
            ) {
                batch > 1 ? weights.transposed * delta / b : nil
            }
        ]
    )
}
