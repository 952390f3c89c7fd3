// CoreCandidate: `ChapterSession.loadImages` with the choice of skipping the SHA-256 check.
// In a debug build, hashing MNIST's 55 MB takes about ten seconds — most of a `--quick` run —
// so a quick run skips it (a full run, in release, still verifies). Belongs in
// Sources/ChapterRunner/ChapterSession+Data.swift as a parameter of `loadImages`.

import ChapterRunner
import Foundation
import NeuralCore

extension ChapterSession {
    /// Loads `kind` like `loadImages(_:)`, verifying checksums only when asked.
    func loadImages(_ kind: DatasetKind, verifyChecksums: Bool) throws -> LoadedDataset {
        guard !verifyChecksums else { return try loadImages(kind) }
        let folder = options.data.map { URL(fileURLWithPath: $0, isDirectory: true) }
        var dataGenerator = generator.fork()
        let loaded = try DatasetLoader.load(
            kind, dataFolder: folder, verifyChecksums: false, generator: &dataGenerator)
        say(loaded.notice + (loaded.source.isSynthetic ? "" : " (checksums not verified in a quick run)"))
        configure("data.\(kind.folderName).source", .string(loaded.source.isSynthetic ? "synthetic digits" : "files"))
        configure("data.\(kind.folderName).train", .integer(loaded.train.count))
        configure("data.\(kind.folderName).test", .integer(loaded.test.count))
        return loaded
    }
}
