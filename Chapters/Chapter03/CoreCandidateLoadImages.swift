// CoreCandidate: `ChapterSession.loadImages` for a quick run. In a debug build, hashing MNIST's
// 55 MB takes about ten seconds, and generating the 12,000 fallback digits about nine — most of
// a `--quick` run — so a quick run skips the SHA-256 check and generates only the digits it uses
// (a full run, in release, still verifies). Belongs in Sources/ChapterRunner/ChapterSession+Data.swift
// as parameters of `loadImages`.

import ChapterRunner
import Foundation
import NeuralCore

extension ChapterSession {
    /// Loads `kind` like `loadImages(_:)`; a quick load skips the checksums and, offline,
    /// generates `syntheticCounts` digits instead of 10,000 + 2,000.
    func loadImages(_ kind: DatasetKind, quick: Bool, syntheticCounts: (train: Int, test: Int)) throws
        -> LoadedDataset
    {
        guard quick else { return try loadImages(kind) }
        var loader = DatasetLoader(dataFolder: options.data.map { URL(fileURLWithPath: $0, isDirectory: true) })
        loader.verifyChecksums = false
        loader.syntheticTrainCount = syntheticCounts.train
        loader.syntheticTestCount = syntheticCounts.test
        var dataGenerator = generator.fork()
        let loaded = try loader.load(kind, generator: &dataGenerator)
        say(loaded.notice + (loaded.source.isSynthetic ? "" : " (checksums not verified in a quick run)"))
        configure("data.\(kind.folderName).source", .string(loaded.source.isSynthetic ? "synthetic digits" : "files"))
        configure("data.\(kind.folderName).train", .integer(loaded.train.count))
        configure("data.\(kind.folderName).test", .integer(loaded.test.count))
        return loaded
    }
}
