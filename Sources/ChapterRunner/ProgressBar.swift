// A one-line progress bar for long training loops, drawn on standard error and only when it
// is a terminal, so logs and CI output stay clean.

import Foundation

/// A progress bar with live metrics (e.g. loss and accuracy), redrawn in place.
public struct ProgressBar {
    private let total: Int
    private let label: String
    private let enabled: Bool
    private var lastDrawn = -1

    /// - Parameters:
    ///   - total: the number of steps (e.g. mini-batches in an epoch).
    ///   - label: shown before the bar, e.g. "epoch 3/30".
    public init(total: Int, label: String) {
        self.total = max(total, 1)
        self.label = label
        self.enabled = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
    }

    /// Redraws the bar at `step` (1-based) with metrics such as ["loss": 0.31, "acc": 0.92].
    public mutating func update(step: Int, metrics: KeyValuePairs<String, Double> = [:]) {
        guard enabled else { return }
        let width = 28
        let filled = min(width, step * width / total)
        // Redraw at most ~100 times per bar: terminals are slow.
        let percent = step * 100 / total
        guard percent != lastDrawn || step == total else { return }
        lastDrawn = percent
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let values = metrics.map { "\($0.key) \(formatted($0.value, significant: 4))" }.joined(separator: "  ")
        FileHandle.standardError.write(Data("\r  \(label) \(bar) \(percent)%  \(values)\u{1B}[K".utf8))
    }

    /// Clears the bar's line.
    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
