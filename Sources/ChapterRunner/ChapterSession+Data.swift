// Loading MNIST-style data for a chapter: --data, then $WORKBOOK_DATA, then the default folder,
// then a download, then generated digits, with one line telling the reader which it was.

import Foundation
import NeuralCore

extension ChapterSession {
    /// Loads `kind` the way every chapter does, prints where it came from, and records it.
    /// Missing or corrupt files in a folder the reader named are an error, not a silent fallback.
    /// - Parameter syntheticCounts: how many digits to generate when no data is found (a quick
    ///   run needs fewer than the default 10,000 + 2,000).
    public func loadImages(_ kind: DatasetKind, syntheticCounts: (train: Int, test: Int)? = nil) throws
        -> LoadedDataset
    {
        var loader = DatasetLoader(dataFolder: options.data.map { URL(fileURLWithPath: $0, isDirectory: true) })
        if let syntheticCounts {
            loader.syntheticTrainCount = syntheticCounts.train
            loader.syntheticTestCount = syntheticCounts.test
        }
        var dataGenerator = generator.fork()
        let loaded = try loader.load(kind, generator: &dataGenerator)
        say(loaded.notice)
        configure("data.\(kind.folderName).source", .string(loaded.source.isSynthetic ? "synthetic digits" : "files"))
        configure("data.\(kind.folderName).train", .integer(loaded.train.count))
        configure("data.\(kind.folderName).test", .integer(loaded.test.count))
        return loaded
    }
}
