// Benchmark rows for Chapter 06's convolutional network (conv 5×5×20 → max-pool 2 →
// conv 5×5×40 → max-pool 2 → dense 100 ReLU → softmax 10, batch 64, Double): seconds per
// 60,000-image training epoch (each mini-batch split in two shards, as the chapter trains), images
// per second at inference, and the share of the epoch spent in matrix products, measured by
// running the epoch's products on their own.

import ChapterRunner
import Foundation
import NeuralCore

/// The chapter's network with a fixed seed, as a list of layers.
func benchmarkConvolutionalNetwork(seed: UInt64) -> Network {
    var generator = SeededGenerator(seed: seed)
    let conv1 = ConvolutionGeometry(inputChannels: 1, outputChannels: 20, inputHeight: 28, inputWidth: 28, kernel: 5)
    let conv2 = ConvolutionGeometry(inputChannels: 20, outputChannels: 40, inputHeight: 12, inputWidth: 12, kernel: 5)
    let layers: [any Layer] = [
        ConvolutionStage(
            convolution: Convolution2D(geometry: conv1, using: &generator), pooling: Pooling2D(.max, size: 2)),
        ConvolutionStage(
            convolution: Convolution2D(geometry: conv2, using: &generator), pooling: Pooling2D(.max, size: 2)),
        Flatten(),
        WeightInitialization.he.layer(inputs: 640, outputs: 100, activation: .relu, using: &generator),
        WeightInitialization.he.layer(inputs: 100, outputs: 10, activation: .softmax, using: &generator),
    ]
    return Network(input: MapShape(channels: 1, height: 28, width: 28), layers: layers)
}

/// Seconds for the matrix products of one training epoch of `batches` mini-batches of `batch`,
/// with the shapes the network's forward and backward passes use, run back to back the way the
/// training runs them: each mini-batch split into `shards` parts at the same time, every product
/// on one BLAS thread.
func convolutionProductSeconds(network: Network, batch: Int, batches: Int, shards: Int) -> Double {
    var generator = SeededGenerator(seed: 9)
    let part = Network.shardSizes(batch: batch, shards: shards)[0]
    // (A, B, transposeA, transposeB) for every product of one shard of a mini-batch.
    var products: [(Matrix, Matrix, Bool, Bool)] = []
    for (index, stage) in network.layers.compactMap({ $0 as? ConvolutionStage }).enumerated() {
        let g = stage.convolution.geometry
        let n = part * g.outputHeight * g.outputWidth
        let patches = Matrix.gaussian(g.patchSize, n, using: &generator)
        let delta = Matrix.gaussian(g.outputChannels, n, using: &generator)
        products.append((stage.convolution.weights, patches, false, false))  // z = w·X_col
        products.append((delta, patches, false, true))  // ∂C/∂w = δ·X_colᵀ
        if index > 0 { products.append((stage.convolution.weights, delta, true, false)) }  // wᵀδ
    }
    for layer in network.denseLayers {
        let input = Matrix.gaussian(layer.inputs, part, using: &generator)
        let delta = Matrix.gaussian(layer.outputs, part, using: &generator)
        products.append((layer.weights, input, false, false))
        products.append((delta, input, false, true))
        products.append((layer.weights, delta, true, false))
    }
    let shapes = products
    let start = ContinuousClock.now
    withSingleThreadedBLAS {
        DispatchQueue.concurrentPerform(iterations: shards) { _ in
            // Destinations allocated once per shard, as the training loop reuses its buffers.
            var outputs = shapes.map { a, b, ta, tb in Matrix.product(a, b, transposeA: ta, transposeB: tb) }
            for _ in 0..<batches {
                for (index, (a, b, ta, tb)) in shapes.enumerated() {
                    outputs[index].addProduct(a, b, transposeA: ta, transposeB: tb, beta: 0)
                }
            }
        }
    }
    return seconds(ContinuousClock.now - start)
}

/// Adds the convolutional rows to the benchmark.
@MainActor func convolutionBenchmark(dataFolder: URL?, repeats: Int) throws {
    var dataGenerator = SeededGenerator(seed: 1)
    let loaded = try DatasetLoader.load(.mnist, dataFolder: dataFolder, generator: &dataGenerator)
    let training = LabeledData(loaded.train)
    let test = LabeledData(loaded.test)
    let batch = 64
    // As Chapter 06 trains: every mini-batch in two halves at the same time.
    let shards = 2
    let batches = (training.count + batch - 1) / batch
    // Training epochs are long; one epoch per run, and at most 2 runs.
    let runs = max(1, min(repeats, 2))
    /// Seconds of each run's epoch, and the network the last run trained.
    func epochs(precision: ProductPrecision) throws -> ([Double], Network) {
        var times: [Double] = []
        var trained = benchmarkConvolutionalNetwork(seed: 1)
        for run in 0..<runs {
            var network = benchmarkConvolutionalNetwork(seed: UInt64(run + 1))
            network.setConvolutionPrecision(precision)
            var generator = SeededGenerator(seed: UInt64(run + 1))
            var optimizer = Momentum(learningRate: 0.02, momentum: 0.9)
            let options = TrainingOptions(
                epochs: 1, batchSize: batch, cost: LogLikelihoodCost(), regularization: .l2(lambda: 5),
                shards: shards)
            let start = ContinuousClock.now
            _ = try Trainer.train(
                &network, on: training, options: options, optimizer: &optimizer, generator: &generator)
            times.append(seconds(ContinuousClock.now - start))
            trained = network
        }
        return (times, trained)
    }
    func inference(_ network: Network) -> [Double] {
        (0..<repeats).map { _ in
            let start = ContinuousClock.now
            _ = Evaluation.predictions(network, on: test)
            return Double(test.count) / seconds(ContinuousClock.now - start)
        }
    }
    let (times, trained) = try epochs(precision: .double)
    report(
        Row(
            name: convolutionEpochRow, measurements: times, unit: "s/epoch",
            note: "\(training.count) images, Double, \(shards) shards"))
    let gemm = convolutionProductSeconds(network: trained, batch: batch, batches: batches, shards: shards)
    report(
        Row(
            name: "  of which matrix products (GEMM)", value: 100 * gemm / median(times), unit: "%",
            note: String(format: "%.1f s of products alone", gemm)))
    report(
        Row(
            name: convolutionInferenceRow, measurements: inference(trained), unit: "images/s",
            note: "chunks of \(Evaluation.chunk(for: trained))"))
    let (singleTimes, singleTrained) = try epochs(precision: .single)
    report(
        Row(
            name: convolutionEpochRow + ", single-precision products", measurements: singleTimes, unit: "s/epoch",
            note: "as above, the convolutions' products in Float (--precision single)"))
    report(
        Row(
            name: convolutionInferenceRow + ", single-precision products", measurements: inference(singleTrained),
            unit: "images/s", note: "as above, the convolutions' products in Float"))
}

/// The names of the convolutional rows PyTorch measures too.
let convolutionEpochRow = "epoch conv-pool-conv-pool-100-10, batch 64"
let convolutionInferenceRow = "inference conv-pool-conv-pool-100-10"
