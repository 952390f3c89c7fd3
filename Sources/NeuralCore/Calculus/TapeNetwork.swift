// A dense network rebuilt on the reverse-mode tape one multiply, sum and activation at a time, so
// that `Value.backward()` differentiates it with no gradient formula written anywhere: the third,
// independent check of backpropagation (BP1–BP4). Chapter 03 draws its graph; the tests use it as
// the oracle for every dense architecture and cost.

/// Eqs. 3.1–3.2 of a dense `Network` on the `Value` tape, with every node named as the notes
/// write it: leaves wˡⱼₖ, bˡⱼ and xₖ, then zˡⱼ, aˡⱼ (and eᶻ and their sum for a softmax layer).
public struct TapeNetwork {
    /// wˡ as tape leaves, one matrix per layer (l = 2, 3, … in the notes' numbering).
    public let weights: [TapeMatrix]
    /// bˡ as tape leaves, one column per layer.
    public let biases: [TapeMatrix]
    /// Each layer's activation function f.
    public let activations: [Activation]

    /// Fresh leaves holding the weights and biases of `network`, which must be dense layers only
    /// (dropout and other layers have no place on this tape).
    public init(_ network: Network) {
        let dense = network.denseLayers
        precondition(dense.count == network.layers.count, "TapeNetwork: only dense layers go on the tape")
        weights = dense.enumerated().map { index, layer in
            let l = IndexNotation.superscripted(index + 2)
            return TapeMatrix(layer.weights) { j, k in
                "w\(l)\(IndexNotation.subscripted(j + 1))\(IndexNotation.subscripted(k + 1))"
            }
        }
        biases = dense.enumerated().map { index, layer in
            let l = IndexNotation.superscripted(index + 2)
            return TapeMatrix(layer.biases) { j, _ in "b\(l)\(IndexNotation.subscripted(j + 1))" }
        }
        activations = dense.map(\.activation)
    }

    /// One layer's nodes for one example: its weighted inputs zˡ and activations aˡ.
    public struct LayerNodes {
        public let z: [Value]
        public let a: [Value]
    }

    /// The forward pass of one example `x`, layer by layer: zˡⱼ = Σₖ wˡⱼₖ aˡ⁻¹ₖ + bˡⱼ (Eq. 3.1),
    /// one product node per weight, and aˡ = f(zˡ) (Eq. 3.2).
    public func forward(_ x: [Double]) -> [LayerNodes] {
        precondition(x.count == weights[0].columns, "TapeNetwork: \(x.count) inputs for \(weights[0].columns)")
        var below = x.enumerated().map { k, value in Value(value, label: "x\(IndexNotation.subscripted(k + 1))") }
        var layers: [LayerNodes] = []
        for index in weights.indices {
            let (w, b) = (weights[index], biases[index])
            let l = IndexNotation.superscripted(index + 2)
            let z = (0..<w.rows).map { j in
                Value.sum((0..<w.columns).map { k in w[j, k] * below[k] } + [b[j, 0]])
                    .named("z\(l)\(IndexNotation.subscripted(j + 1))")
            }
            let a = Self.apply(activations[index], z, layer: l)
            layers.append(LayerNodes(z: z, a: a))
            below = a
        }
        return layers
    }

    /// aˡ = f(zˡ), each output named aˡⱼ; a softmax is built from its parts, eᶻʲ, Σ eᶻ and one
    /// quotient per output, so that the tape differentiates it without knowing Eq. 4.4.
    static func apply(_ f: Activation, _ z: [Value], layer l: String) -> [Value] {
        func name(_ values: [Value]) -> [Value] {
            values.enumerated().map { j, value in value.named("a\(l)\(IndexNotation.subscripted(j + 1))") }
        }
        switch f {
        case .sigmoid: return name(z.map { $0.sigmoid() })
        case .tanh: return name(z.map { $0.tanh() })
        case .relu: return name(z.map { $0.relu() })
        case .leakyReLU(let slope): return name(z.map { $0.relu() - slope * (-$0).relu() })
        case .identity: return z
        case .softmax:
            let exponentials = z.enumerated().map { j, zj in
                zj.exp().named("e^z\(l)\(IndexNotation.subscripted(j + 1))")
            }
            let normalizer = Value.sum(exponentials).named("Σ e^z\(l)")
            return name(exponentials.map { $0 / normalizer })
        case .step: preconditionFailure("TapeNetwork: the step function has no useful gradient")
        }
    }

    /// The cost of one example with output activations `a` and target `y`, written from the cost's
    /// definition: ½‖y − a‖² (Eq. 3.2, as in Eq. 2.8), −Σⱼ [yⱼ ln aⱼ + (1 − yⱼ) ln(1 − aⱼ)]
    /// (Eq. 4.2), or −Σⱼ yⱼ ln aⱼ (Eq. 4.5), which for a one-hot target is the single node −ln aᵧ.
    public static func cost(_ a: [Value], target y: [Double], cost: any Cost) -> Value {
        precondition(a.count == y.count, "TapeNetwork.cost: \(a.count) outputs, \(y.count) targets")
        switch cost {
        case is QuadraticCost:
            return Value.sum(zip(a, y).map { ($0 - $1).power(2) }) * 0.5
        case is CrossEntropyCost:
            return -Value.sum(zip(a, y).map { aj, yj in yj * aj.log() + (1 - yj) * (1 - aj).log() })
        case is LogLikelihoodCost:
            let present = y.indices.filter { y[$0] != 0 }
            if present.count == 1, y[present[0]] == 1 { return -a[present[0]].log() }
            return -Value.sum(present.map { j in y[j] * a[j].log() })
        default:
            preconditionFailure("TapeNetwork.cost: no tape form for \(cost.name)")
        }
    }

    /// C = (1/m) Σₓ Cₓ, the mean over the columns of `x` and `y`, ready for `backward()`.
    public func meanCost(_ x: Matrix, _ y: Matrix, cost: any Cost) -> Value {
        let terms = (0..<x.columns).map { column in
            let a = forward(x.column(column)).last!.a
            return Self.cost(a, target: y.column(column), cost: cost)
        }
        return Value.sum(terms) / Double(x.columns)
    }

    /// The gradients after `backward()`, in `Network.parameters` order: ∂C/∂w², ∂C/∂b², ∂C/∂w³, …
    public var gradients: [Matrix] {
        weights.indices.flatMap { l in [weights[l].gradient, biases[l].gradient] }
    }
}
