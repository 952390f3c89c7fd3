// The vanilla recurrent network of Eqs. 7.1–7.3 rebuilt on the reverse-mode tape, one scalar at a
// time, so that reverse mode differentiates the unrolled sequence with no gradient formula written
// anywhere: the third, independent check of BPTT (used by Chapter 07 and by the tests).

/// Eqs. 7.1–7.3 for a batch of one sequence on the `Value` tape.
public struct TapeRecurrentNetwork {
    /// U, W, b, V, c as tape leaves, in `SequenceModel.parameters` order.
    public let parameters: [TapeMatrix]
    public let hidden: Int
    public let inputs: Int
    public let outputs: Int

    public init(_ model: SequenceModel<VanillaCell>) {
        parameters = model.parameters.map(TapeMatrix.init)
        hidden = model.cell.hiddenSize
        inputs = model.cell.inputSize
        outputs = model.outputSize
    }

    /// L = Σₜ −log ŷₜ[yₜ] (Eq. 7.3) for one-hot inputs `sequence`, from `initialHidden` (zeros
    /// when nil): hₜ = tanh(U xₜ + W hₜ₋₁ + b) (7.1), ŷₜ = softmax(V hₜ + c) (7.2).
    public func loss(inputs sequence: [Int], targets: [Int], initialHidden: [Double]? = nil) -> Value {
        precondition(
            sequence.count == targets.count, "TapeRecurrentNetwork: \(sequence.count) inputs, \(targets.count) targets")
        let (u, w, b, v, c) = (parameters[0], parameters[1], parameters[2], parameters[3], parameters[4])
        var h = (initialHidden ?? [Double](repeating: 0, count: hidden)).map { Value($0) }
        var terms: [Value] = []
        for (x, y) in zip(sequence, targets) {
            h = (0..<hidden).map { i in (u[i, x] + w.rowTimes(i, h) + b[i, 0]).tanh() }
            let logits = (0..<outputs).map { k in v.rowTimes(k, h) + c[k, 0] }
            let total = Value.sum(logits.map { $0.exp() })
            terms.append(-(logits[y].exp() / total).log())
        }
        return Value.sum(terms)
    }

    /// The gradients after `backward()` on the loss, in `SequenceModel.parameters` order.
    public var gradients: [Matrix] { parameters.map(\.gradient) }
}
