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
        var loader = makeLoader()
        if let syntheticCounts {
            loader.syntheticTrainCount = syntheticCounts.train
            loader.syntheticTestCount = syntheticCounts.test
        }
        // Fork even when the files were read up front, so every later draw is the same either way.
        var dataGenerator = generator.fork()
        let loaded = try preloaded.removeValue(forKey: kind) ?? loader.load(kind, generator: &dataGenerator)
        say(loaded.notice)
        configure("data.\(kind.folderName).source", .string(loaded.source.isSynthetic ? "synthetic digits" : "files"))
        configure("data.\(kind.folderName).train", .integer(loaded.train.count))
        configure("data.\(kind.folderName).test", .integer(loaded.test.count))
        return loaded
    }

    /// Reads `kind` before the first section when there are files to read, or a folder the reader
    /// named (where missing files are an error): a bad `--data` fails before any work is done.
    /// Downloading and generated digits are left to `loadImages`, at the point the chapter asks.
    func preloadImages(_ kind: DatasetKind) throws {
        guard preloaded[kind] == nil else { return }
        let loader = makeLoader()
        let location = DataLocator.resolve(
            flag: loader.dataFolder, environment: loader.environment, defaultFolder: loader.defaultFolder)
        let found = DataLocator.find(kind, in: location.folder)
        guard found.isComplete || location.isExplicit else { return }
        // Files or an error: the generator is not drawn from.
        var unused = SeededGenerator(seed: 0)
        preloaded[kind] = try loader.load(kind, generator: &unused)
    }

    private func makeLoader() -> DatasetLoader {
        DatasetLoader(dataFolder: options.data.map { URL(fileURLWithPath: $0, isDirectory: true) })
    }
}
