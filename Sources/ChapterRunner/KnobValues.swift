// Reading a knob's value from the command line: each reader says, in one line, what the option
// takes when the value is wrong ("--eta takes a positive number, such as 3 or 0.5"), and their help.

import ArgumentParser

/// Readers for the values of chapters' knobs, used as ArgumentParser transforms.
public enum KnobValues {
    /// A finite number greater than zero (a learning rate, a clipping threshold).
    public static func positive(_ text: String, option: String, example: String = "3 or 0.5") throws -> Double {
        guard let value = Double(text), value.isFinite, value > 0 else {
            throw OptionValueError("\(option) takes a positive number, such as \(example)")
        }
        return value
    }

    /// A finite number at least zero (a regularization λ, a momentum coefficient of 0).
    public static func nonNegative(_ text: String, option: String, example: String = "0 or 5") throws -> Double {
        guard let value = Double(text), value.isFinite, value >= 0 else {
            throw OptionValueError("\(option) takes a number zero or larger, such as \(example)")
        }
        return value
    }

    /// A number in `range`, with the interval said in the notes' notation in `interval`.
    public static func number(
        _ text: String, option: String, in range: ClosedRange<Double>, excludingLower: Bool = false,
        interval: String
    ) throws -> Double {
        guard let value = Double(text), value.isFinite, range.contains(value),
            !(excludingLower && value == range.lowerBound)
        else {
            throw OptionValueError("\(option) takes a number in \(interval)")
        }
        return value
    }

    /// A probability p with 0 < p ≤ 1 (dropout's keep probability).
    public static func keepProbability(_ text: String, option: String) throws -> Double {
        try number(
            text, option: option, in: 0...1, excludingLower: true, interval: "(0, 1], such as 0.5 (1 keeps every unit)")
    }

    /// A whole number in `range` (a mini-batch size, a hidden size, a window length).
    public static func whole(_ text: String, option: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw OptionValueError("\(option) takes a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// Comma-separated positive numbers (several learning rates to compare: `0.5,5,100`).
    public static func positiveList(_ text: String, option: String, example: String, most: Int = 8) throws
        -> [Double]
    {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let values = parts.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, values.count == parts.count, values.allSatisfy({ $0.isFinite && $0 > 0 }),
            values.count <= most
        else {
            throw OptionValueError(
                "\(option) takes up to \(most) positive numbers separated by commas, such as \(example)")
        }
        return values
    }

    /// Comma-separated layer sizes, each a whole number from 1 to `largest` (`30` or `30,30`).
    public static func layerSizes(_ text: String, option: String, largest: Int = 4_096, most: Int = 8) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let sizes = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, sizes.count == parts.count, sizes.allSatisfy({ (1...largest).contains($0) }),
            sizes.count <= most
        else {
            throw OptionValueError(
                "\(option) takes up to \(most) layer sizes from 1 to \(largest) separated by commas, such as 30 or 100,30"
            )
        }
        return sizes
    }
}

extension KnobValues {
    /// The error a chapter's own reader throws: `message` says what the option takes.
    public static func invalid(_ message: String) -> any Error { OptionValueError(message) }
}

extension ArgumentHelp {
    /// A knob's help with its default, the notes' value, at the end: "Learning rate η. (default: 3)".
    /// (ArgumentParser cannot show the default of an option read through a transform itself.)
    public static func knob(_ text: String, default value: some SettingValue, valueName: String? = nil) -> ArgumentHelp
    {
        ArgumentHelp("\(text) (default: \(value.settingText))", valueName: valueName)
    }
}
