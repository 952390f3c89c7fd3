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

    /// The real `kind` files from `folder`, checksums verified: never a download, never generated
    /// digits. Call it from a test enabled by `has(kind)`.
    public static func load(_ kind: DatasetKind, generator: inout SeededGenerator) throws -> LoadedDataset {
        guard let folder else { throw MissingData(kind: kind) }
        var loader = DatasetLoader(dataFolder: folder)
        loader.allowDownload = false
        loader.allowSynthetic = false
        return try loader.load(kind, generator: &generator)
    }
}

/// Thrown by `SharedData.load` when the real files are not there (the test should have been
/// disabled by `SharedData.has`).
public struct MissingData: Error, CustomStringConvertible {
    public var kind: DatasetKind
    public var description: String { "the real \(kind) files are not in ../shared/data or WORKBOOK_DATA" }
}
