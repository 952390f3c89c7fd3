// Section 8.9: depth. Two LSTM layers stacked (the upper reads the lower's hidden states) against
// one LSTM layer of about the same parameter count, on 8.7's text, windows, updates and held-out
// characters; with inverted dropout between the layers and on the top (never on the recurrence),
// and without it.

import ArgumentParser
import ChapterRunner
import Figures
import Foundation
import NeuralCore

/// The stack's settings: keep probability 0.8 (dropout 0.2, the study notes' Keras model), and the
/// hidden size that matches the one-layer LSTM's parameter count unless `--stack-hidden` says.
enum StackSetup {
    static let keep = 0.8
    /// The colours of the two-layer networks (the one-layer LSTM keeps the LSTM's vermillion).
    static let dropoutColour = Colour(hex: 0x7F2F00)
    static let plainColour = Colour(hex: 0x56B4E9)
}

/// The knobs of section 8.9 (the text, window, batch, η, clipping and updates are 8.7's).
struct StackKnobs: ParsableArguments {
    @Option(
        name: .customLong("stack-hidden"),
        help: ArgumentHelp(
            "Hidden units of each of the two stacked layers (1 to 1024): the size whose count by Eq. 8.23 is closest to the one-layer LSTM's unless given (default: matched by Eq. 8.23, 71 for the default text).",
            valueName: "H"),
        transform: { try KnobValues.whole($0, option: "--stack-hidden", in: 1...1_024) })
    var hidden: Int?

    @Option(
        name: .customLong("stack-keep"), parsing: .unconditional,
        help: .knob(
            "Keep probability p of the dropout between the layers and before the read-out (Eq. 8.22; 0 < p ≤ 1, 1 turns it off).",
            default: StackSetup.keep, valueName: "p"),
        transform: { try KnobValues.keepProbability($0, option: "--stack-keep") })
    var keep = StackSetup.keep

    var settings: [Setting] {
        [
            Setting("stack-hidden", hidden.map(\.settingText) ?? "matched by Eq. 8.23, 71 for the default text"),
            Setting("stack-keep", keep),
        ]
    }

    /// The notes' knobs (what parsing no arguments gives).
    static var defaults: StackKnobs {
        // swift-format-ignore: NeverUseForceTry
        try! StackKnobs.parse([])
    }
}

/// Eq. 8.23 — the parameters of a character model over two stacked layers of k₁ and k₂ weight
/// blocks, hidden sizes H₁ and H₂, on K characters: k₁H₁(K + H₁ + 1) for the lower layer (its
/// input is the one-hot character), k₂H₂(H₁ + H₂ + 1) for the upper one (its input is h⁽¹⁾, H₁
/// wide), and K(H₂ + 1) for the read-out.
func stackedParameterCount(blocks: (lower: Int, upper: Int), hidden: (lower: Int, upper: Int), vocabulary: Int)
    -> Int
{
    blocks.lower * hidden.lower * (vocabulary + hidden.lower + 1) + blocks.upper * hidden.upper
        * (hidden.lower + hidden.upper + 1) + vocabulary * (hidden.upper + 1)
}

/// Eq. 8.23 with the numbers in: "4·71·(138 + 71 + 1) + 4·71·(71 + 71 + 1) + 138·72".
func stackedParameterFormula(blocks: Int, hidden: Int, vocabulary: Int) -> String {
    "\(blocks)·\(hidden)·(\(vocabulary) + \(hidden) + 1) + \(blocks)·\(hidden)·(\(hidden) + \(hidden) + 1) + \(vocabulary)·\(hidden + 1)"
}

/// The hidden size H of two equal stacked layers of k blocks whose count (Eq. 8.23) is closest to
/// `target` (the smaller H on a tie).
func matchedStackHidden(blocks: Int, vocabulary: Int, target: Int) -> Int {
    (1...1_024).min { a, b in
        let da = abs(stackedParameterCount(blocks: (blocks, blocks), hidden: (a, a), vocabulary: vocabulary) - target)
        let db = abs(stackedParameterCount(blocks: (blocks, blocks), hidden: (b, b), vocabulary: vocabulary) - target)
        return da != db ? da < db : a < b
    } ?? 1
}

/// One window's dropout masks (Eq. 8.22): between the layers and before the read-out, one
/// hidden × B mask per step of the window.
func windowMasks(keep: Double, hidden: Int, settings: CharacterSettings, using generator: inout SeededGenerator)
    -> StackDropout
{
    StackDropout.draw(
        keep: keep, hidden: hidden, batch: settings.batch, steps: settings.sequenceLength, top: true,
        using: &generator)
}

/// 8.9 — one LSTM layer against two, with and without dropout between them, on 8.7's data.
func stackedModels(
    _ session: ChapterSession, corpus: Corpus, knobs: CharacterKnobs = .defaults, stack: StackKnobs = .defaults
) throws {
    let settings = CharacterSettings(knobs: knobs, quick: session.options.quick)
    let data = try CharacterData(corpus: corpus, settings: settings, quick: session.options.quick)
    let vocabulary = data.vocabulary
    let k = CharacterCell.lstm.blocks
    let oneLayer = CharacterCell.lstm.parameterCount(hidden: settings.hidden, vocabulary: vocabulary.count)
    let hidden = stack.hidden ?? matchedStackHidden(blocks: k, vocabulary: vocabulary.count, target: oneLayer)
    let twoLayers = stackedParameterCount(blocks: (k, k), hidden: (hidden, hidden), vocabulary: vocabulary.count)
    let keep = stack.keep
    let iterations = settings.iterations
    session.say(
        """
        Depth: a second LSTM layer reads the first one's hidden states h⁽¹⁾ₜ as its input (Eq. 8.21), \
        and the read-out reads the second layer's. Against it, one LSTM layer of hidden \(settings.hidden) \
        (\(grouped(oneLayer)) parameters by Eq. 8.20); two layers of hidden \(hidden) have \(grouped(twoLayers)) \
        by Eq. 8.23\(stack.hidden == nil ? ", the closest count two equal layers reach" : ""). Same text as 8.7 \
        (\(grouped(data.indices.count)) characters, \(vocabulary.count) distinct), same windows of \(settings.sequenceLength) \
        × \(settings.batch) streams, Adagrad η = \(settings.learningRate.settingText), \(settings.clippingPhrase), \
        \(iterations) updates, the same \(grouped(data.validation.count)) held-out characters. \
        \(keep < 1 ? "Dropout (Eq. 8.22) keeps each unit with probability \(keep.settingText) between the layers and before the read-out, with a fresh mask at every step of every window, never on the recurrent path; the validation loss reads the network with no mask." : "No dropout (--stack-keep 1).")
        """)
    let prime = SamplePrime(vocabulary: vocabulary, indices: data.indices)
    var generator = session.generator.fork()
    // The one-layer LSTM draws from a copy of the section's generator; both stacks start from the
    // same weights (copies of one fork), the dropout masks come from a fork of that fork.
    var oneLayerGenerator = generator
    var stackGenerator = generator.fork()
    var maskGenerator = stackGenerator.fork()
    var runs: [CharacterRun] = []
    runs.append(
        try trainCharacterModel(
            .lstm, vocabulary: vocabulary, training: data.training, validation: data.validation, settings: settings,
            generator: &oneLayerGenerator, prime: [prime.index]))
    runs[0].name = "1 layer"
    func stackRun(name: String, keep: Double?) throws -> CharacterRun {
        var cellGenerator = stackGenerator
        var lower = LSTMCell(inputSize: vocabulary.count, hiddenSize: hidden, using: &cellGenerator)
        var upper = LSTMCell(inputSize: hidden, hiddenSize: hidden, using: &cellGenerator)
        (lower.precision, upper.precision) = (settings.precision, settings.precision)
        return try trainCharacterModel(
            .lstm, cell: StackedCell(lower: lower, upper: upper), vocabulary: vocabulary, training: data.training,
            validation: data.validation, settings: settings, generator: &cellGenerator, prime: [prime.index],
            name: name
        ) { _, model in
            guard let keep else { return }
            model.cell.dropout = windowMasks(keep: keep, hidden: hidden, settings: settings, using: &maskGenerator)
        }
    }
    if keep < 1 { runs.append(try stackRun(name: "2 layers, dropout", keep: keep)) }
    runs.append(try stackRun(name: "2 layers, no dropout", keep: nil))
    let parameterCounts = [oneLayer] + Array(repeating: twoLayers, count: runs.count - 1)
    for (run, count) in zip(runs, parameterCounts) where run.parameterCount != count {
        throw ChapterError(
            "the \(run.name) network has \(run.parameterCount) parameters, not the \(count) of Eq. 8.20/8.23")
    }
    let characters = iterations * settings.batch * settings.sequenceLength
    session.table(
        ["network", "hidden", "parameters", "count", "training loss", "validation loss", "time"],
        zip(runs, parameterCounts).enumerated().map { number, pair in
            let (run, count) = pair
            return [
                run.name, number == 0 ? "\(settings.hidden)" : "\(hidden) + \(hidden)", grouped(count),
                number == 0
                    ? CharacterCell.lstm.parameterFormula(hidden: settings.hidden, vocabulary: vocabulary.count)
                    : stackedParameterFormula(blocks: k, hidden: hidden, vocabulary: vocabulary.count),
                formatted(run.training.last?.y ?? .nan, decimals: 3),
                formatted(run.validation.last?.y ?? .nan, decimals: 3),
                formatted(run.seconds, decimals: 1) + " s",
            ]
        })
    session.say("Validation loss per character against updates:")
    session.table(
        ["update"] + runs[0].validation.map { grouped(Int($0.x)) },
        runs.map { run in [run.name] + run.validation.map { formatted($0.y, decimals: 2) } })
    let final = runs.map { $0.validation.last?.y ?? .nan }
    let best = runs.indices.min { final[$0] < final[$1] } ?? 0
    var verdicts: [String] = []
    verdicts.append(
        "From the lowest validation loss: \(validationOrder(runs.map { ($0.name, $0.validation.last?.y ?? .nan) })) (one seed, \(iterations) updates of \(grouped(settings.batch * settings.sequenceLength)) characters, \(grouped(characters)) in all)."
    )
    if keep < 1, runs.count == 3 {
        let gain = final[2] - final[1]
        let gap = { (run: CharacterRun) in (run.validation.last?.y ?? .nan) - (run.training.last?.y ?? .nan) }
        verdicts.append(
            (gain > 0
                ? "Dropout lowers the stack's validation loss by \(formatted(gain, decimals: 3)) nats per character here."
                : "Dropout does not help within this budget: the stack's validation loss is \(formatted(-gain, decimals: 3)) nats per character higher with it.")
                + " Validation minus training loss: \(formatted(gap(runs[1]), decimals: 2)) with dropout, \(formatted(gap(runs[2]), decimals: 2)) without (the training loss is measured with the masks on)."
        )
    }
    verdicts.append(
        best == 0
            ? "The one-layer LSTM stays best: with the same number of parameters, depth does not pay within this budget."
            : "The \(runs[best].name) network ends best, \(formatted(final[0] - final[best], decimals: 3)) below the one-layer LSTM with the same number of parameters."
    )
    session.say(verdicts.joined(separator: " ") + " (Times are this machine's, never recorded.)")
    let keys = ["oneLayer", "twoLayersDropout", "twoLayersPlain"]
    let runKeys = keep < 1 ? keys : [keys[0], keys[2]]
    for (key, (run, count)) in zip(runKeys, zip(runs, parameterCounts)) {
        session.record("stack.\(key).validationLoss", .number(run.validation.last?.y ?? .nan))
        session.record("stack.\(key).trainingLoss", .number(run.training.last?.y ?? .nan))
        session.record("stack.\(key).parameters", .number(Double(count)))
    }
    session.record("stack.hidden", .number(Double(hidden)))
    session.record(
        "stack.summary",
        .string(
            runs.map { "\($0.name) \(formatted($0.validation.last?.y ?? .nan, decimals: 3))" }.joined(separator: ", ")),
        summary: "8.9 · validation loss per character: "
            + runs.map { "\($0.name) \(formatted($0.validation.last?.y ?? .nan, decimals: 3))" }.joined(separator: ", ")
    )
    let colours = [CellColours.lstm] + (keep < 1 ? [StackSetup.dropoutColour] : []) + [StackSetup.plainColour]
    var series: [LineSeries] = []
    for (run, colour) in zip(runs, colours) {
        series.append(
            LineSeries(name: "\(run.name), training (smoothed)", points: run.training, colour: colour, dashed: true))
        series.append(
            LineSeries(name: "\(run.name), validation", points: run.validation, colour: colour, markers: true))
    }
    var plot = LinePlot(
        title:
            "One LSTM layer (hidden \(settings.hidden)) against two (hidden \(hidden) each), \(grouped(oneLayer)) and \(grouped(twoLayers)) parameters",
        xLabel: "update (\(settings.batch) × \(settings.sequenceLength) characters each)",
        yLabel: "loss per character (nats)", series: series)
    plot.legend = .automatic
    try session.writeFile("stacked-lstm-loss.png") { url in
        try plot.write(
            to: url,
            metadata: session.metadata(title: "Stacked LSTM loss: " + runs.map(\.name).joined(separator: " vs ")))
    }
}
