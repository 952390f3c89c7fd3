// Chapter 07's character model and its hidden-state section on awkward --text files: other
// scripts, no spaces, more symbols than a vocabulary keeps, one huge line; and the files that
// must stop the run with a one-line error before any work.

import ChapterRunner
import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter07

@Suite("Chapter 07 — awkward --text files train or stop with one line")
struct Chapter07HostileTextTests {
    @Test("Sections 7.4 and 7.6 train, sample and draw the hidden states", arguments: HostileTexts.runnable)
    func runnable(_ text: HostileText) throws {
        let folder = try TestPaths.scratchFolder()
        let path = try text.write(in: folder)
        let corpus = try Corpus.load(textPath: path, quick: true)
        let options = try ChapterOptions.parse(["--quick", "--out", folder.path])
        try ChapterSession.run(number: 7, title: "7.4 and 7.6 on \(text.name)", options: options) { session in
            let model = try characterModel(session, corpus: corpus)
            try hiddenStates(session, model: model)
        }
        let results = try ChapterRunCheck.figuresAndResults(
            in: folder.appendingPathComponent("Chapter07"), figures: ["char-rnn-loss.png", "hidden-states.png"],
            chapter: "07", seed: 1)
        let symbols = try #require(Chapter07RunTests.number(results, "charRNN.vocabularySize"))
        #expect(symbols <= Double(CharacterCorpus.maximumSymbols))
        #expect(symbols == Double(min(Set(corpus.text).count, CharacterCorpus.maximumSymbols)))
        let characters = try #require(Chapter07RunTests.number(results, "charRNN.corpusCharacters"))
        #expect(characters == Double(corpus.text.count))
        #expect(characters <= Double(CharacterCorpus.maximumBytes(quick: true)))
    }

    @Test("Unusable files stop the run with a one-line error", arguments: HostileTexts.refused)
    func refused(_ text: HostileText) throws {
        let folder = try TestPaths.scratchFolder()
        let path = try text.write(in: folder)
        do {
            _ = try Corpus.load(textPath: path, quick: true)
            Issue.record("\(text.name) was accepted")
        } catch let error as TextCorpusError {
            #expect(!error.description.contains("\n") && error.description.contains(path))
        }
        #expect(throws: (any Error).self) {
            try RecurrentChapter.parse(["--quick", "--out", folder.path, "--text", path]).run()
        }
        #expect(
            !FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(
                    "Chapter07/text-\(TextKnob.folderName(path))/rnn-folded-unrolled.png"
                ).path))
    }

    @Test("The detector of 7.6: the space if the line has one, else its most frequent character, else none")
    func detectorCharacter() throws {
        let vocabulary = Vocabulary(text: "ab c")
        let spaced = try #require(DetectorCharacter(try vocabulary.indices(of: "ab c"), vocabulary: vocabulary))
        #expect(spaced == DetectorCharacter(index: 0, name: "␣", isSpace: true))
        let unspaced = try #require(DetectorCharacter(try vocabulary.indices(of: "abcbcb"), vocabulary: vocabulary))
        #expect(unspaced == DetectorCharacter(index: 2, name: "b", isSpace: false))
        // Equal counts: the first to occur.
        let tie = try #require(DetectorCharacter(try vocabulary.indices(of: "cbbc"), vocabulary: vocabulary))
        #expect(tie.index == 3)
        #expect(DetectorCharacter(try vocabulary.indices(of: "aaaa"), vocabulary: vocabulary) == nil)
    }

    @Test("Eq. 7.9's reference lines: the sparse bigram entropy equals the K × K table's")
    func sparseBigrams() {
        var generator = SeededGenerator(seed: 9)
        let symbols = 13
        let indices = (0..<2_000).map { _ in generator.integer(below: symbols) }
        var pairs = [[Double]](repeating: [Double](repeating: 0, count: symbols), count: symbols)
        for (a, b) in zip(indices, indices.dropFirst()) { pairs[a][b] += 1 }
        let total = Double(indices.count - 1)
        var bigram = 0.0
        for row in pairs {
            let rowTotal = row.reduce(0, +)
            for count in row where count > 0 { bigram -= (count / total) * log(count / rowTotal) }
        }
        #expect(ngramEntropies(indices, symbols: symbols).bigram == bigram)
    }

    @Test("Samples and snippets print control characters as their pictures")
    func printableSamples() {
        #expect(printable("a\nb\u{1B}[0m\tc") == "a ↵ b␛[0m⇥c")
    }
}
