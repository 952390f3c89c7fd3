// The LSTM step written as its equations (8.1)–(8.7) in whole-matrix operations: slow, and the
// reference the fast `LSTMCell` is tested against (as `DirectConvolution` is for convolution).

/// The LSTM of `LSTMCell` (same parameters [U, W, b], gate blocks f, i, o, g; state [h, c]), one
/// matrix expression per equation.
public struct LSTMReference: RecurrentCell {
    /// Everything (8.5)–(8.7) read, by the notes' names.
    public struct StepCache: Sendable {
        public let x: StepInput
        public let hPrevious: Matrix
        public let cPrevious: Matrix
        public let f: Matrix
        public let i: Matrix
        public let o: Matrix
        public let g: Matrix
        public let c: Matrix
    }

    public var parameters: [Matrix]
    public let inputSize: Int
    public let hiddenSize: Int
    public var stateCount: Int { 2 }
    public var parameterNames: [String] { ["U", "W", "b"] }

    /// The reference of `cell`, with the same parameters.
    public init(_ cell: LSTMCell) {
        parameters = cell.parameters
        inputSize = cell.inputSize
        hiddenSize = cell.hiddenSize
    }

    public func step(_ x: StepInput, state: [Matrix]) -> (state: [Matrix], cache: StepCache) {
        let (u, w, b) = (parameters[0], parameters[1], parameters[2])
        let (hPrevious, cPrevious) = (state[0], state[1])
        let z = (x.product(u) + w * hPrevious).addingToEachColumn(b)  // (8.1)
        let f = σ(z.rowBlock(0, of: 4))  // (8.2)
        let i = σ(z.rowBlock(1, of: 4))
        let o = σ(z.rowBlock(2, of: 4))
        let g = tanh(z.rowBlock(3, of: 4))
        let c = f ⊙ cPrevious + i ⊙ g  // (8.3)
        let h = o ⊙ tanh(c)  // (8.4)
        return ([h, c], StepCache(x: x, hPrevious: hPrevious, cPrevious: cPrevious, f: f, i: i, o: o, g: g, c: c))
    }

    public func backwardStep(
        _ dState: [Matrix], cache s: StepCache, gradients: inout [Matrix]
    ) -> (dPreviousState: [Matrix], dInput: Matrix?) {
        let (u, w) = (parameters[0], parameters[1])
        let (dh, dc) = (dState[0], dState[1])
        let tanhC = tanh(s.c)
        let dcHat = dc + dh ⊙ s.o ⊙ oneMinus(tanhC ⊙ tanhC)  // (8.5)
        let dcPrevious = dcHat ⊙ s.f
        let dz = Matrix.stacking([  // (8.6)
            dcHat ⊙ s.cPrevious ⊙ s.f ⊙ oneMinus(s.f),
            dcHat ⊙ s.g ⊙ s.i ⊙ oneMinus(s.i),
            dh ⊙ tanhC ⊙ s.o ⊙ oneMinus(s.o),
            dcHat ⊙ s.i ⊙ oneMinus(s.g ⊙ s.g),
        ])
        s.x.accumulateWeightGradient(dz, into: &gradients[0])  // (8.7)
        gradients[1] += dz * s.hPrevious.transposed
        gradients[2] += dz.rowSums()
        let dhPrevious = w.transposed * dz
        return ([dhPrevious, dcPrevious], s.x.inputGradient(u, dz))
    }
}
