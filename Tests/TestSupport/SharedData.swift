// The real datasets for tests: `WORKBOOK_DATA` when set, else `../shared/data` beside the package.
// Tests that need them are skipped, with this reason, when they are absent.

import Foundation
import NeuralCore

public enum SharedData {
    /// The first candidate folder that holds all four MNIST files, if any.
    public static let folder: URL? = {
        var candidates: [URL] = []
        if let value = ProcessInfo.processInfo.environment["WORKBOOK_DATA"], !value.isEmpty {
            candidates.append(URL(fileURLWithPath: value))
        }
        candidates.append(TestPaths.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data"))
        return candidates.first { DataLocator.find(.mnist, in: $0).isComplete }
    }()

    /// Whether all four files of `kind` are there.
    public static func has(_ kind: DatasetKind) -> Bool {
        guard let folder else { return false }
        return DataLocator.find(kind, in: folder).isComplete
    }
}
