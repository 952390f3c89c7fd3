// Circuits built only from NAND perceptrons (w = (−2, −2), b = 3): the half adder of the notes
// and a two-bit adder made of a half adder and a full adder.

/// Where a gate's input comes from: an input bit or another gate's output.
enum Wire: Hashable {
    case input(String)
    case gate(Int)
}

/// A circuit of NAND perceptrons, listed so that every gate comes after the gates it reads.
struct NANDCircuit {
    struct Gate {
        var name: String
        var a: Wire
        var b: Wire
    }

    var inputs: [String]
    var gates: [Gate] = []
    /// Named outputs (e.g. "sum", "carry") and the gate that produces each.
    var outputs: [(name: String, gate: Int)] = []

    /// The perceptron every gate is: Eq. 1.2 — NAND(x₁, x₂) = step(−2x₁ − 2x₂ + 3).
    static let nand = Perceptron(weights: [-2, -2], bias: 3)

    /// Adds a NAND gate reading `a` and `b`, returning the wire of its output.
    mutating func nand(_ a: Wire, _ b: Wire, name: String? = nil) -> Wire {
        gates.append(Gate(name: name ?? "n\(gates.count + 1)", a: a, b: b))
        return .gate(gates.count - 1)
    }

    /// Runs every gate as a perceptron on the given input bits; returns the named outputs.
    func evaluate(_ bits: [String: Int]) -> [String: Int] {
        var values: [Int] = []
        func read(_ wire: Wire) -> Int {
            switch wire {
            case .input(let name): bits[name]!
            case .gate(let index): values[index]
            }
        }
        for gate in gates {
            values.append(Self.nand.output([Double(read(gate.a)), Double(read(gate.b))]))
        }
        var result: [String: Int] = [:]
        for output in outputs { result[output.name] = values[output.gate] }
        return result
    }

    /// Adds the four-gate XOR and the AND of two wires: (x ⊕ y, x ∧ y).
    /// x ⊕ y = NAND(NAND(x, n), NAND(y, n)) with n = NAND(x, y); x ∧ y = NAND(n, n).
    mutating func halfAdder(_ x: Wire, _ y: Wire, prefix: String) -> (sum: Wire, carry: Wire) {
        let n = nand(x, y, name: "\(prefix)1")
        let left = nand(x, n, name: "\(prefix)2")
        let right = nand(y, n, name: "\(prefix)3")
        let sum = nand(left, right, name: "\(prefix)4")
        let carry = nand(n, n, name: "\(prefix)5")
        return (sum, carry)
    }

    /// The half adder of the notes: sum = x₁ ⊕ x₂, carry = x₁ ∧ x₂, five NAND perceptrons.
    static func halfAdder() -> NANDCircuit {
        var circuit = NANDCircuit(inputs: ["x1", "x2"])
        let (sum, carry) = circuit.halfAdder(.input("x1"), .input("x2"), prefix: "h")
        circuit.outputs = [("sum", index(sum)), ("carry", index(carry))]
        return circuit
    }

    /// Adds two 2-bit numbers a₁a₀ + b₁b₀ = s₂s₁s₀: a half adder for the low bits, then a full
    /// adder (two XOR stages and a carry NAND) for the high bits and the incoming carry.
    static func twoBitAdder() -> NANDCircuit {
        var circuit = NANDCircuit(inputs: ["a0", "b0", "a1", "b1"])
        let low = circuit.halfAdder(.input("a0"), .input("b0"), prefix: "h")
        // Full adder: s₁ = a₁ ⊕ b₁ ⊕ c, carry = (a₁ ∧ b₁) ∨ ((a₁ ⊕ b₁) ∧ c), an OR of ANDs
        // written as NAND(NAND(a₁, b₁), NAND(a₁ ⊕ b₁, c)).
        let n1 = circuit.nand(.input("a1"), .input("b1"), name: "f1")
        let n2 = circuit.nand(.input("a1"), n1, name: "f2")
        let n3 = circuit.nand(.input("b1"), n1, name: "f3")
        let partial = circuit.nand(n2, n3, name: "f4")
        let m1 = circuit.nand(partial, low.carry, name: "f5")
        let m2 = circuit.nand(partial, m1, name: "f6")
        let m3 = circuit.nand(low.carry, m1, name: "f7")
        let s1 = circuit.nand(m2, m3, name: "f8")
        let carryOut = circuit.nand(m1, n1, name: "f9")
        circuit.outputs = [("s0", index(low.sum)), ("s1", index(s1)), ("s2", index(carryOut))]
        return circuit
    }

    private static func index(_ wire: Wire) -> Int {
        guard case .gate(let i) = wire else { preconditionFailure("an output must be a gate") }
        return i
    }
}
