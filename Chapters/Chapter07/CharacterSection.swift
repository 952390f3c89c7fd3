// Section 7.4: a character-level language model in the manner of the minimal char-RNN — hidden 100,
// 25-step truncated BPTT, Adagrad, clipping at ±5 — trained on the corpus, sampled as it learns.

import ChapterRunner
import Figures
import Foundation
import NeuralCore

/// The settings of the character model (the minimal char-RNN's, with the update count per run).
struct CharacterSettings: Sendable {
    var hidden = 100
    var sequenceLength = 25
    var learningRate = 0.05
    var clipping = GradientClipping.value(5)
    var iterations: Int
    /// Updates between printed samples.
    var sampleEvery: Int
    var sampleLength: Int

    static func forRun(quick: Bool) -> CharacterSettings {
        quick
            ? CharacterSettings(iterations: 1_500, sampleEvery: 500, sampleLength: 120)
            : CharacterSettings(iterations: 100_000, sampleEvery: 20_000, sampleLength: 200)
    }
}

/// A sample as one printable line: newlines shown as " ↵ ", other control characters as their
/// pictures (`Vocabulary.displayName`), so a text's escape codes never reach the terminal.
func printable(_ text: String) -> String {
    var line = ""
    for character in text {
        if character == "\n" {
            line += " ↵ "
        } else if character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            line += Vocabulary.displayName(character)
        } else {
            line.append(character)
        }
    }
    return line
}

/// Entropy in nats per character of the unigram and bigram statistics of `indices`. The pair
/// counts are kept only for the pairs that occur (sorted codes a·V + b, counted in runs), so the
/// table grows with the text, not with V².
func ngramEntropies(_ indices: [Int], symbols: Int) -> (unigram: Double, bigram: Double) {
    var single = [Double](repeating: 0, count: symbols)
    var rowTotals = [Double](repeating: 0, count: symbols)
    for index in indices { single[index] += 1 }
    for a in indices.dropLast() { rowTotals[a] += 1 }
    let n = Double(indices.count)
    let unigram = -single.filter { $0 > 0 }.map { ($0 / n) * log($0 / n) }.reduce(0, +)
    let codes = zip(indices, indices.dropFirst()).map { a, b in a * symbols + b }.sorted()
    var bigram = 0.0
    let pairTotal = Double(max(indices.count - 1, 1))
    var start = 0
    while start < codes.count {
        var end = start + 1
        while end < codes.count && codes[end] == codes[start] { end += 1 }
        let count = Double(end - start)
        bigram -= (count / pairTotal) * log(count / rowTotals[codes[start] / symbols])
        start = end
    }
    return (unigram, bigram)
}

/// 7.4 — train the character model; returns it for 7.6.
func characterModel(_ session: ChapterSession, corpus: Corpus) throws -> CharacterModel {
    let settings = CharacterSettings.forRun(quick: session.options.quick)
    let vocabulary = corpus.vocabulary()
    let indices = try vocabulary.indices(of: corpus.text)
    let symbols = vocabulary.count
    let uniform = log(Double(symbols)) * Double(settings.sequenceLength)
    let entropies = ngramEntropies(indices, symbols: symbols)
    session.say(
        """
        The corpus is \(corpus.name): \(indices.count) characters, \(symbols) distinct ones. The \
        network is the vanilla one of Eq. 7.1 with \(settings.hidden) hidden units, a one-hot input \
        and a softmax over the \(symbols) characters. Training follows the minimal char-RNN: windows \
        of \(settings.sequenceLength) characters, truncated BPTT (Eq. 7.7) carrying the hidden state \
        from one window to the next, Adagrad with η = \(formatted(settings.learningRate, decimals: 2)) (the original's 0.1 did \
        worse on this corpus),         every gradient entry clipped to ±5 (Eq. 7.8), \(settings.iterations) updates.
        """)
    if let limits = corpus.limits(vocabulary, indices: indices, quick: session.options.quick) { session.say(limits) }
    session.show("(7.7)  windows [k·T + 1, (k+1)·T]: s_{kT} carried forward, ∂L/∂s_{kT} not propagated back")
    session.show("(7.8)  g ← clamp(g, −5, 5)   or   g ← g · min(1, c/‖g‖)")
    session.show("(7.9)  ℓ̄ ← 0.999 ℓ̄ + 0.001 ℓ,   ℓ̄₀ = −log(1/K) · T = \(formatted(uniform, decimals: 2))")
    session.say(
        """
        The smoothed loss starts at the loss of a uniform guess over \(symbols) characters for \
        \(settings.sequenceLength) steps. For scale: predicting each character from the corpus's letter \
        frequencies alone would cost \(formatted(entropies.unigram * 25, decimals: 1)) per window, from \
        the previous character alone \(formatted(entropies.bigram * 25, decimals: 1)). Samples at \
        temperature 1 as it learns:
        """)

    var generator = session.generator.fork()
    var sampler = session.generator.fork()
    let cell = VanillaCell(inputSize: symbols, hiddenSize: settings.hidden, using: &generator)
    var model = SequenceModel(cell: cell, outputSize: symbols, using: &generator)
    var options = CharacterTrainingOptions(iterations: settings.iterations)
    options.sequenceLength = settings.sequenceLength
    options.learningRate = settings.learningRate
    options.clipping = settings.clipping
    options.reportEvery = settings.sampleEvery
    options.recordEvery = max(1, settings.iterations / 1_000)
    guard indices.count > settings.sequenceLength + 1 else {
        throw ChapterError("the corpus has only \(indices.count) characters; the character model needs more than 26")
    }
    let start = ContinuousClock.now
    var bar = ProgressBar(total: settings.iterations, label: "char-RNN")
    let history = CharacterTrainer.train(
        &model, on: indices, options: options, updated: { bar.update(step: $0) }
    ) { progress, current in
        bar.finish()
        let sample = current.sample(
            prime: [indices[0]], count: settings.sampleLength, temperature: 1, using: &sampler)
        session.show(
            "update \(progress.iteration) · smoothed loss \(formatted(progress.smoothedLoss, decimals: 2)) · \(printable(vocabulary.text(of: sample)).prefix(110))"
        )
    }
    bar.finish()
    let seconds = ChapterRunner.seconds(since: start)
    session.say(
        """
        After \(settings.iterations) updates (\(history.characters) characters, \
        \(formatted(Double(history.characters) / Double(indices.count), decimals: 1)) passes over the text, \
        \(formatted(Double(history.characters) / max(seconds, 1e-9) / 1000, decimals: 0)) thousand characters \
        per second here) the smoothed loss is \(formatted(history.finalSmoothedLoss, decimals: 2)), \
        \(formatted(history.finalSmoothedLoss / Double(settings.sequenceLength), decimals: 3)) nats per \
        character against \(formatted(entropies.bigram, decimals: 3)) for the bigram statistics. \
        \(history.clippedUpdates) of the updates had an entry clipped.
        """)

    let bigramLine = entropies.bigram * Double(settings.sequenceLength)
    let crossing = zip(history.iterations, history.smoothedLoss).first { $0.1 < bigramLine }?.0
    if let crossing {
        session.say("The smoothed loss fell below the bigram line at update \(crossing).")
    }
    session.record("charRNN.updatesToBeatBigram", crossing.map { .integer($0) } ?? .null)
    session.say("Samples from the trained network, 300 characters each, primed with the corpus's first character:")
    var samples: [String: JSONValue] = [:]
    for temperature in [0.5, 1.0, 1.5] {
        let drawn = model.sample(prime: [indices[0]], count: 300, temperature: temperature, using: &sampler)
        let text = vocabulary.text(of: drawn)
        samples[formatted(temperature, decimals: 1)] = .string(text)
        session.say("τ = \(formatted(temperature, decimals: 1)) (Eq. 7.10):")
        print(Narrative.wrap(printable(text), indent: "    "))
    }
    session.say(
        """
        At τ = 0.5 the network keeps to its most confident paths — common words, repeated — at τ = 1 \
        it samples its own distribution, at τ = 1.5 the flattened distribution lets rare characters in \
        and the words fall apart.
        """)
    session.show("(7.10) pᵢ = exp(oᵢ/τ) / Σⱼ exp(oⱼ/τ)")

    session.record(
        "charRNN.finalSmoothedLoss", .number(history.finalSmoothedLoss),
        summary:
            "char-RNN (hidden \(settings.hidden)) on \(indices.count) characters: smoothed loss \(formatted(history.initialSmoothedLoss, decimals: 1)) → \(formatted(history.finalSmoothedLoss, decimals: 1)) in \(settings.iterations) updates"
    )
    session.record("charRNN.initialSmoothedLoss", .number(history.initialSmoothedLoss))
    session.record("charRNN.vocabularySize", .integer(symbols))
    session.record("charRNN.corpusCharacters", .integer(indices.count))
    session.record("charRNN.unigramLossPerWindow", .number(entropies.unigram * 25))
    session.record("charRNN.bigramLossPerWindow", .number(entropies.bigram * 25))
    session.record("charRNN.clippedUpdates", .integer(history.clippedUpdates))
    session.record("charRNN.samples", .object(samples))
    session.configure("charRNN.hidden", .integer(settings.hidden))
    session.configure("charRNN.sequenceLength", .integer(settings.sequenceLength))
    session.configure("charRNN.learningRate", .number(settings.learningRate))
    session.configure("charRNN.iterations", .integer(settings.iterations))
    session.configure("charRNN.corpus", .string(corpus.name))

    try session.writeFile("char-rnn-loss.png") { url in
        // Updates in thousands ("20", not "2×10⁴"); the baselines are flat series named in the
        // legend, so that no label sits on the curve; the zoom shows where the loss passes the bigram.
        let xs = history.iterations.map { Double($0) / 1000 }
        let last = xs.last ?? 1
        let zoomEnd = min(last, max(5, ((Double(crossing ?? 2000) * 2.5 / 1000)).rounded(.up)))
        func baselines(to end: Double) -> [LineSeries] {
            [
                LineSeries(
                    name: "uniform guess, \(formatted(uniform, decimals: 1))", ys: [uniform, uniform], xs: [0, end],
                    colour: Colour(hex: 0x999999)),
                LineSeries(
                    name: "unigram (letter frequencies), \(formatted(entropies.unigram * 25, decimals: 1))",
                    ys: [entropies.unigram * 25, entropies.unigram * 25], xs: [0, end], colour: Colour(hex: 0xE69F00)),
                LineSeries(
                    name: "bigram (previous letter), \(formatted(entropies.bigram * 25, decimals: 1))",
                    ys: [entropies.bigram * 25, entropies.bigram * 25], xs: [0, end], colour: Colour(hex: 0x009E73)),
            ]
        }
        func panel(title: String, end: Double, legend: Bool) -> LinePlot {
            let kept = xs.indices.filter { xs[$0] <= end }
            var plot = LinePlot(
                title: title, xLabel: "update, thousands (one window of 25 characters each)",
                yLabel: "loss per window (nats)",
                series: baselines(to: end) + [
                    LineSeries(
                        name: options.recordEvery == 1
                            ? "loss of each window" : "loss, mean of \(options.recordEvery) windows",
                        ys: kept.map { history.loss[$0] }, xs: kept.map { xs[$0] }, colour: Colour(hex: 0xA9C4DE)),
                    LineSeries(
                        name: "smoothed training loss (7.9)", ys: kept.map { history.smoothedLoss[$0] },
                        xs: kept.map { xs[$0] }, colour: Colour(hex: 0x0072B2), dashed: true),
                ])
            plot.yRange = 0...(uniform * 1.08)
            plot.xRange = 0...end
            if let crossing {  // named in the legend: a label on the plot could be cut off at its edge
                plot.references = [.vertical(Double(crossing) / 1000, colour: Colour(hex: 0x444444))]
                plot.series.append(
                    LineSeries(
                        name: "below bigram from update \(grouped(crossing))", points: [],
                        colour: Colour(hex: 0x444444), dashed: true))
            }
            plot.legend = legend ? .topRight : .hidden  // over the baselines' right ends, which it names
            return plot
        }
        let grid = FigureGrid(
            title: "Character model (hidden \(settings.hidden), T = 25): loss per 25-character window",
            columns: 1,
            panels: [panel(title: "All \(grouped(settings.iterations)) updates", end: last, legend: true)]
                + (zoomEnd < last / 2
                    ? [
                        panel(
                            title: "The first \(grouped(Int((zoomEnd * 1000).rounded()))) updates",
                            end: zoomEnd, legend: false)
                    ]
                    : []),
            panelWidth: 880, panelHeight: 400)
        try grid.write(to: url, metadata: session.metadata(title: "Character model loss"))
    }
    return CharacterModel(model: model, vocabulary: vocabulary, indices: indices)
}

/// The trained character model and its text, for the hidden-state section.
struct CharacterModel: Sendable {
    var model: SequenceModel<VanillaCell>
    var vocabulary: Vocabulary
    var indices: [Int]
}
