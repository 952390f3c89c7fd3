// The sections of Chapter 01, in the order of the notes. Each prints what the notes predict next
// to what the code computed, and records the key numbers.

import ChapterRunner
import Diagrams
import Figures
import NeuralCore

/// 1.1 — a perceptron weighs evidence: output 1 when w·x + b > 0 (Eq. 1.1).
func weightedSumAndThreshold(_ session: ChapterSession) {
    session.say(
        """
        A perceptron takes binary inputs x₁, x₂, …, multiplies each by a weight, adds a bias, and \
        fires when the total is positive (Eq. 1.1): output = 1 if w·x + b > 0, else 0. Take the \
        decision "go cycling today?" with three pieces of evidence: x₁ = it is dry, x₂ = a friend \
        comes along, x₃ = the bike is repaired. Weights (6, 2, 2) and bias −5 say that dry weather \
        alone is enough, while company and a working bike together are not.
        """)
    let cyclist = Perceptron(weights: [6, 2, 2], bias: -5)
    var rows: [[String]] = []
    for dry in 0...1 {
        for friend in 0...1 {
            for bike in 0...1 {
                let x = [Double(dry), Double(friend), Double(bike)]
                rows.append([
                    "\(dry)", "\(friend)", "\(bike)", formatted(cyclist.weightedInput(x), decimals: 0),
                    "\(cyclist.output(x))",
                ])
            }
        }
    }
    session.table(["dry", "friend", "bike", "w·x + b", "go?"], rows)
    let goes = rows.filter { $0[4] == "1" }.count
    session.record("cycling.decisionsToGo", .integer(goes), summary: "go cycling in \(goes) of 8 cases")
}

/// 1.2 — weights (−2, −2) and bias 3 make a NAND gate (Eq. 1.2).
func nandGate(_ session: ChapterSession) throws {
    session.say("With w = (−2, −2) and b = 3 (Eq. 1.2) the perceptron outputs 0 only when both inputs are 1:")
    let nand = NANDCircuit.nand
    var rows: [[String]] = []
    var matches = true
    for (x1, x2) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
        let z = nand.weightedInput([Double(x1), Double(x2)])
        let output = nand.output([Double(x1), Double(x2)])
        matches = matches && output == TruthTable.nand.output(x1, x2)
        rows.append(["\(x1)", "\(x2)", formatted(z, decimals: 0), "\(output)", "\(TruthTable.nand.output(x1, x2))"])
    }
    session.table(["x₁", "x₂", "z = −2x₁ − 2x₂ + 3", "perceptron", "NAND"], rows)
    session.record(
        "nand.truthTableMatches", .bool(matches), summary: matches ? "NAND table matches" : "NAND table WRONG")
    try session.writeFile("nand-perceptron.png") { url in
        try CircuitDiagram.nandPerceptron(to: url, metadata: session.metadata(title: "A NAND perceptron"))
    }
}

/// 1.3 — NAND is universal, so perceptrons can compute anything: adders built from NAND perceptrons.
func nandAdders(_ session: ChapterSession) throws {
    session.say(
        """
        Every Boolean function can be built from NAND gates alone, so every Boolean function can be \
        computed by a network of perceptrons. The half adder needs five: four form x₁ ⊕ x₂ (the sum \
        bit) and one more NANDs the first gate with itself to give x₁ ∧ x₂ (the carry). Chaining a \
        half adder and a full adder (nine more perceptrons) adds two 2-bit numbers.
        """)
    let half = NANDCircuit.halfAdder()
    var rows: [[String]] = []
    var halfCorrect = true
    for (x1, x2) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
        let out = half.evaluate(["x1": x1, "x2": x2])
        halfCorrect = halfCorrect && out["sum"] == (x1 ^ x2) && out["carry"] == (x1 & x2)
        rows.append(["\(x1)", "\(x2)", "\(out["carry"]!)", "\(out["sum"]!)", "\(x1 + x2)"])
    }
    session.table(["x₁", "x₂", "carry", "sum", "x₁ + x₂"], rows)

    let adder = NANDCircuit.twoBitAdder()
    var correctSums = 0
    for a in 0..<4 {
        for b in 0..<4 {
            let out = adder.evaluate(["a0": a & 1, "a1": a >> 1, "b0": b & 1, "b1": b >> 1])
            let total = out["s0"]! + 2 * out["s1"]! + 4 * out["s2"]!
            if total == a + b { correctSums += 1 }
        }
    }
    session.say(
        "The two-bit adder (\(adder.gates.count) NAND perceptrons) gets \(correctSums) of the 16 sums a + b, a, b ∈ {0…3}, right."
    )
    session.record(
        "halfAdder.correct", .bool(halfCorrect), summary: halfCorrect ? "half adder correct" : "half adder WRONG")
    session.record(
        "twoBitAdder.correctSums", .integer(correctSums), summary: "two-bit adder: \(correctSums)/16 sums right")
    try session.writeFile("nand-half-adder.png") { url in
        try CircuitDiagram.render(
            half, title: "Half adder from five NAND perceptrons", to: url,
            metadata: session.metadata(title: "Half adder from NAND perceptrons"))
    }
    try session.writeFile("nand-two-bit-adder.png") { url in
        try CircuitDiagram.render(
            adder, title: "Two-bit adder a₁a₀ + b₁b₀ = s₂s₁s₀ from 14 NAND perceptrons",
            groups: [("h", "half adder: a₀ + b₀"), ("f", "full adder: a₁ + b₁ + c₀")], wireNames: ["h5": "c₀"], to: url,
            metadata: session.metadata(title: "Two-bit adder from NAND perceptrons"))
    }
}
