// The knobs both character-model chapters share: `--text`, the corpus a run learns (another text
// writes into a folder of its own), and `--temperature`, the temperatures its samples are drawn at.

import Foundation

/// `--text` as a knob of Chapters 07 and 08.
public enum TextKnob {
    /// The setting's value when no `--text` is given: the notes' frozen corpus.
    public static let notesText = "(the notes)"

    /// The path as typed, and a folder named after the file (`text-poem` for `poems/poem.txt`,
    /// `text-stdin` for `-`), so another text never writes over the notes' figures.
    public static func setting(_ path: String?) -> Setting {
        guard let path else { return Setting("text", notesText) }
        return Setting("text", path, folderName: "text-" + folderName(path))
    }

    /// The file's base name without its extension, in letters, digits, "." and "-" only.
    public static func folderName(_ path: String) -> String {
        if path == "-" { return "stdin" }
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
        let name = String(base.map { allowed.contains($0) ? $0 : "-" })
        return name.isEmpty || name.allSatisfy({ $0 == "." }) ? "file" : name
    }
}

extension KnobValues {
    /// Up to six different sampling temperatures τ, each from 0.01 to 10 (`0.5,1,1.5`).
    public static func temperatures(_ text: String, option: String, example: String) throws -> [Double] {
        let values = try? positiveList(text, option: option, example: example, most: 6)
        guard let values, values.allSatisfy({ (0.01...10).contains($0) }), Set(values).count == values.count else {
            throw invalid(
                "\(option) takes up to 6 different numbers from 0.01 to 10 separated by commas, such as \(example)")
        }
        return values
    }
}

/// A temperature as the narrative and results.json name it: one decimal (0.5, 1.0), more if needed.
public func temperatureName(_ temperature: Double) -> String {
    for decimals in 1...3 {
        let scale = pow(10, Double(decimals))
        if abs((temperature * scale).rounded() - temperature * scale) < 1e-9 {
            return formatted(temperature, decimals: decimals)
        }
    }
    return formatted(temperature, decimals: 3)
}
