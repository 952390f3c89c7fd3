// What each fuzz target does with one input: hand the bytes to a parser a reader's files reach
// and check that it either throws a readable error or returns something consistent. A trap, a
// sanitizer report or a failed invariant here is a bug; a thrown error is the parser doing its job.
// The libFuzzer executables (Tests/Fuzz/Fuzz*) and the corpus-replay tests both call these.

import Figures
import Foundation
import NeuralCore

public enum FuzzTarget: String, CaseIterable, Sendable {
    case idx = "IDX"
    case png = "PNG"
    case modelFile = "ModelFile"
    case text = "Text"

    /// Runs one input through the target's parser.
    public func run(_ bytes: [UInt8]) {
        switch self {
        case .idx: Self.idx(bytes)
        case .png: Self.png(bytes)
        case .modelFile: Self.modelFile(bytes)
        case .text: Self.text(bytes)
        }
    }

    /// A data file as the loader reads it: gunzipped when it looks compressed, then parsed as an
    /// IDX image file and as an IDX label file. Parsed images must hold rows × columns bytes each.
    static func idx(_ bytes: [UInt8]) {
        let raw: [UInt8]
        if Gzip.looksCompressed(bytes) {
            guard let inflated = try? Gzip.decompress(bytes, name: "fuzz input") else { return }
            raw = inflated
        } else {
            raw = bytes
        }
        if let images = try? IDX.parseImages(raw, file: "fuzz input") {
            check(images.pixels.count == images.count * images.rows * images.columns, "IDX images: pixel count")
        }
        if let labels = try? IDX.parseLabels(raw, file: "fuzz input") {
            check(labels.count <= raw.count, "IDX labels: more labels than bytes")
        }
    }

    /// PNG bytes through libpng: a decoded image holds width × height RGBA pixels.
    static func png(_ bytes: [UInt8]) {
        guard let image = try? PNGImage(data: bytes) else { return }
        check(image.rgba.count == image.width * image.height * 4, "PNG: pixel buffer size")
    }

    /// A model file of any version: a network that decodes is well formed, runs one example
    /// forward and saves to a file that decodes to the same parameters.
    static func modelFile(_ bytes: [UInt8]) {
        guard let network = try? ModelFile.decode(Data(bytes), source: "fuzz input") else { return }
        guard network.inputShape.count <= 1 << 16, network.parameterCount <= 1 << 20 else { return }
        let shape = network.inputShape
        _ = network.feedforward(
            FeatureMaps(channels: shape.channels, batch: 1, height: shape.height, width: shape.width))
        guard let saved = try? ModelFile.encode(network) else {
            check(false, "model file: a decoded network does not encode")
            return
        }
        guard let again = try? ModelFile.decode(saved, source: "re-encoded") else {
            check(false, "model file: an encoded network does not decode")
            return
        }
        let bits = { (n: Network) in n.parameters.flatMap { $0.elements.map(\.bitPattern) } }
        check(bits(again) == bits(network), "model file: parameters change on a round trip")
    }

    /// A training text: accepted text builds a vocabulary in which every character of the text
    /// has an index, and indices map back to the same text.
    static func text(_ bytes: [UInt8]) {
        guard let text = try? TextCorpus.decode(Data(bytes), path: "fuzz input") else { return }
        let vocabulary = Vocabulary(text: text)
        guard let indices = try? vocabulary.indices(of: text) else {
            check(false, "text: a character of the text has no index in its own vocabulary")
            return
        }
        check(indices.allSatisfy { $0 >= 0 && $0 < vocabulary.count }, "text: an index outside the vocabulary")
        check(vocabulary.text(of: indices) == text, "text: the vocabulary does not round-trip the text")
        // A capped vocabulary, as the chapters build one: every character still reads as a symbol.
        let capped = Vocabulary(text: text, maximumCount: 8)
        guard let cappedIndices = try? capped.indices(of: text) else {
            check(false, "text: a capped vocabulary has no symbol for a character of its text")
            return
        }
        check(cappedIndices.count == indices.count, "text: a capped vocabulary reads a different length")
        check(cappedIndices.allSatisfy { $0 >= 0 && $0 < min(capped.count, 8) }, "text: a capped index out of range")
    }

    /// A failed invariant: stop loudly, so that libFuzzer keeps the input as a crash.
    static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition {
            FileHandle.standardError.write(Data("fuzz invariant failed: \(message())\n".utf8))
            abort()
        }
    }
}
