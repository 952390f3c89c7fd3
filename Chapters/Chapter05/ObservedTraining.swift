// Training with pauses to look inside: the core's training loop run over consecutive stretches
// of the training set, with a measurement of the network before the first and after every stretch.

import NeuralCore

/// What one observed run did: the measurements, where they were taken, and how it ended.
struct ObservedRun<Measurement> {
    /// Epochs of training (fractional) at each measurement; 0 is the untrained network.
    var epochs: [Double] = []
    var measurements: [Measurement] = []
    /// The mean cost of each mini-batch, in order.
    var batchCosts: [Double] = []
    /// The epoch (fractional) at which a cost stopped being finite, if it did.
    var divergedAt: Double?
}

enum ObservedTraining {
    /// Trains `network` for `epochs` passes over `data`, measuring it with `measure` at the start
    /// and after every `stretch` examples. Each stretch is one call of `Trainer.train` for one epoch
    /// on those examples, so its mini-batches are shuffled within the stretch; the optimizer's
    /// state carries over from stretch to stretch. `stretch` should be a multiple of the batch size
    /// (a batch-normalized network should not see a mini-batch of one). A diverging cost ends the
    /// run and is recorded, not thrown. Without weight penalties only: the core scales those by the
    /// size of the set it is handed, here a stretch rather than the whole training set.
    static func run<O: Optimizer, Measurement>(
        _ network: inout Network, on data: LabeledData, epochs: Int, stretch: Int, options: TrainingOptions,
        optimizer: inout O, generator: inout SeededGenerator, measure: (Network) -> Measurement
    ) throws -> ObservedRun<Measurement> {
        precondition(stretch > 0 && epochs > 0, "observe every \(stretch) examples for \(epochs) epochs")
        precondition(options.regularization == .none, "observed training runs without weight penalties")
        var run = ObservedRun<Measurement>()
        run.epochs.append(0)
        run.measurements.append(measure(network))
        var stretchOptions = options
        stretchOptions.epochs = 1
        for epoch in 0..<epochs {
            var start = 0
            while start < data.count {
                let end = min(start + stretch, data.count)
                do {
                    _ = try Trainer.train(
                        &network, on: data.subset(start..<end), options: stretchOptions, optimizer: &optimizer,
                        generator: &generator, onBatch: { _, _, cost in run.batchCosts.append(cost) })
                } catch is TrainingDiverged {
                    run.divergedAt = Double(epoch) + Double(end) / Double(data.count)
                    return run
                }
                run.epochs.append(Double(epoch) + Double(end) / Double(data.count))
                run.measurements.append(measure(network))
                start = end
            }
        }
        return run
    }
}
