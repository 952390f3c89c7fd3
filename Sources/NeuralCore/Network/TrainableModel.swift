// What the training loop needs from a model, so that one loop (Trainer.train) trains both the
// dense networks of Chapters 03–05 and the convolutional networks of Chapter 06.

/// A model `Trainer.train` can train with any `Optimizer`.
///
/// Parameters come as a list of matrices with the weight matrices at the even indices (w¹, b¹,
/// w², b², …), so that optimizers, L2/L1 and the update ratio treat every model alike.
public protocol TrainableModel {
    /// Buffers a model may keep from one mini-batch to the next (nothing for dense networks).
    associatedtype Workspace
    func makeWorkspace() -> Workspace
    /// The weight matrices, in parameter order (the even parameter indices).
    var weightMatrices: [Matrix] { get }
    /// Lets `body` update every parameter in place.
    mutating func updateParameters(_ body: (inout [Matrix]) -> Void)
    /// Forward and backward pass for the examples at `indices` of `data`: gradients of the cost
    /// averaged over them, in parameter order, and the summed cost.
    func backpropagate(
        examples indices: [Int], of data: LabeledData, cost: any Cost, dropoutKeep: Double?,
        generator: inout SeededGenerator, workspace: inout Workspace
    ) -> Network.Backpropagation
    /// Adds the gradient of the weight penalty to `gradients`.
    func addPenaltyGradient(_ regularization: Regularization, to gradients: inout [Matrix], trainingCount n: Int)
    /// Mean cost plus penalty (for `trainingCount` training examples, default data.count), and accuracy.
    func evaluate(on data: LabeledData, cost: any Cost, regularization: Regularization, trainingCount: Int?) -> (
        cost: Double, accuracy: Double
    )
}

extension Network: TrainableModel {
    public func makeWorkspace() {}

    public var weightMatrices: [Matrix] { layers.map(\.weights) }

    /// One column per example; one-hot targets, or 0/1 labels for a single sigmoid output.
    public func backpropagate(
        examples indices: [Int], of data: LabeledData, cost: any Cost, dropoutKeep: Double?,
        generator: inout SeededGenerator, workspace: inout Void
    ) -> Backpropagation {
        let (x, oneHot) = data.batch(indices)
        let y = layers[layers.count - 1].outputs == 1 ? data.binaryTargets(indices) : oneHot
        return backpropagate(x, y, cost: cost, dropoutKeep: dropoutKeep, generator: &generator)
    }

    public func addPenaltyGradient(_ regularization: Regularization, to gradients: inout [Matrix], trainingCount n: Int)
    {
        regularization.addGradient(to: &gradients, of: self, trainingCount: n)
    }

    public func evaluate(on data: LabeledData, cost: any Cost, regularization: Regularization, trainingCount: Int?)
        -> (cost: Double, accuracy: Double)
    {
        (
            Evaluation.cost(self, on: data, cost: cost, regularization: regularization, trainingCount: trainingCount),
            Evaluation.accuracy(self, on: data)
        )
    }
}
