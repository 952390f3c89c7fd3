// The four two-input logic functions the perceptron chapter works with.

/// A two-input Boolean function as a dataset of its four rows.
public enum TruthTable: String, CaseIterable, Sendable {
    case and = "AND"
    case or = "OR"
    case nand = "NAND"
    case xor = "XOR"

    /// The output for inputs x1, x2 ∈ {0, 1}.
    public func output(_ x1: Int, _ x2: Int) -> Int {
        switch self {
        case .and: x1 & x2
        case .or: x1 | x2
        case .nand: 1 - (x1 & x2)
        case .xor: x1 ^ x2
        }
    }

    /// The four rows (0,0), (0,1), (1,0), (1,1) with their outputs.
    public var dataset: PointDataset {
        let rows = [(0, 0), (0, 1), (1, 0), (1, 1)]
        return PointDataset(
            points: rows.map { [Double($0.0), Double($0.1)] },
            labels: rows.map { output($0.0, $0.1) },
            classNames: ["0", "1"])
    }
}
