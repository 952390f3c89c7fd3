// CoreCandidate: a confusion matrix belongs beside Evaluation.accuracy and Evaluation.mistakes
// in Sources/NeuralCore/Network/Evaluation.swift; it lives here until the lead moves it.

import NeuralCore

extension Evaluation {
    /// counts[true class][predicted class] over `data`, predictions by the largest output.
    static func confusionMatrix(_ network: Network, on data: LabeledData) -> [[Int]] {
        var counts = Array(repeating: Array(repeating: 0, count: data.classes), count: data.classes)
        let chunk = 1_000
        var start = 0
        while start < data.count {
            let indices = Array(start..<min(start + chunk, data.count))
            let predicted = network.predictions(data.batch(indices).x)
            for (column, example) in indices.enumerated() { counts[data.labels[example]][predicted[column]] += 1 }
            start += chunk
        }
        return counts
    }
}
