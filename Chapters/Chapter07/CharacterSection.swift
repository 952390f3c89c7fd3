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
    /// The temperatures of the samples drawn after training (Eq. 7.10).
    var temperatures = [0.5, 1.0, 1.5]

    static func forRun(quick: Bool) -> CharacterSettings {
        quick
            ? CharacterSettings(iterations: 1_500, sampleEvery: 500, sampleLength: 120)
            : CharacterSettings(iterations: 100_000, sampleEvery: 20_000, sampleLength: 200)
    }

    /// The settings `knobs` ask for: the notes' update count for the run unless `--updates` is
    /// given, with samples printed as often (three times in a quick run, five in a full one).
    init(knobs: CharacterKnobs, quick: Bool) {
        self = .forRun(quick: quick)
        hidden = knobs.hidden
        sequenceLength = knobs.window
        learningRate = knobs.eta
        clipping = knobs.clipBy.clipping(knobs.clip)
        temperatures = knobs.temperature
        if let updates = knobs.updates {
            iterations = updates
            sampleEvery = max(1, updates / (quick ? 3 : 5))
        }
    }

    init(hidden: Int = 100, iterations: Int, sampleEvery: Int, sampleLength: Int) {
        self.hidden = hidden
        self.iterations = iterations
        self.sampleEvery = sampleEvery
        self.sampleLength = sampleLength
    }

    /// How the narrative names the clipping: "every gradient entry clipped to ±5".
    var clippingPhrase: String {
        switch clipping {
        case .value(let c): "every gradient entry clipped to ±\(c.settingText)"
        case .norm(let c): "the whole gradient clipped to norm \(c.settingText)"
        case .none: "no clipping"
        }
    }

    /// Eq. 7.8 as shown, with this run's threshold in the form it uses.
    var clippingEquation: String {
        switch clipping {
        case .value(let c): "(7.8)  g ← clamp(g, −\(c.settingText), \(c.settingText))   or   g ← g · min(1, c/‖g‖)"
        case .norm(let c): "(7.8)  g ← clamp(g, −c, c)   or   g ← g · min(1, \(c.settingText)/‖g‖)"
        case .none: "(7.8)  g ← clamp(g, −c, c)   or   g ← g · min(1, c/‖g‖)   (neither in this run: --clip-by none)"
        }
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
func characterModel(_ session: ChapterSession, corpus: Corpus, knobs: CharacterKnobs = .defaults) throws
    -> CharacterModel
{
    let settings = CharacterSettings(knobs: knobs, quick: session.options.quick)
    let window = Double(settings.sequenceLength)
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
        from one window to the next, Adagrad with η = \(settings.learningRate.settingText) \
        (\(learningRateRemark(settings.learningRate, notesCorpus: corpus.name == CharacterCorpus.notesName))), \
        \(settings.clippingPhrase) (Eq. 7.8), \(settings.iterations) updates.
        """)
    if let limits = corpus.limits(vocabulary, indices: indices, quick: session.options.quick) { session.say(limits) }
    session.show("(7.7)  windows [k·T + 1, (k+1)·T]: s_{kT} carried forward, ∂L/∂s_{kT} not propagated back")
    session.show(settings.clippingEquation)
    session.show("(7.9)  ℓ̄ ← 0.999 ℓ̄ + 0.001 ℓ,   ℓ̄₀ = −log(1/K) · T = \(formatted(uniform, decimals: 2))")
    session.say(
        """
        The smoothed loss starts at the loss of a uniform guess over \(symbols) characters for \
        \(settings.sequenceLength) steps. For scale: predicting each character from the corpus's letter \
        frequencies alone would cost \(formatted(entropies.unigram * window, decimals: 1)) per window, from \
        the previous character alone \(formatted(entropies.bigram * window, decimals: 1)). Samples at \
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
        throw ChapterError(
            "the corpus has only \(indices.count) characters; windows of \(settings.sequenceLength) need more than \(settings.sequenceLength + 1) (lower --window)"
        )
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
    // Diverged: NaN, or a smoothed loss far above the uniform guess it started from.
    guard history.finalSmoothedLoss.isFinite, history.finalSmoothedLoss < 3 * history.initialSmoothedLoss else {
        throw ChapterError(
            "the character model diverged: its smoothed loss went from \(formatted(history.initialSmoothedLoss, decimals: 1)) to \(formatted(history.finalSmoothedLoss, significant: 3)) with learning rate \(settings.learningRate.settingText). Lower --eta (or clip the gradient: --clip-by value) and run again."
        )
    }
    let seconds = ChapterRunner.seconds(since: start)
    session.say(
        """
        After \(settings.iterations) updates (\(history.characters) characters, \
        \(formatted(Double(history.characters) / Double(indices.count), decimals: 1)) passes over the text, \
        \(formatted(Double(history.characters) / max(seconds, 1e-9) / 1000, decimals: 0)) thousand characters \
        per second here) the smoothed loss is \(formatted(history.finalSmoothedLoss, decimals: 2)), \
        \(formatted(history.finalSmoothedLoss / Double(settings.sequenceLength), decimals: 3)) nats per \
        character against \(formatted(entropies.bigram, decimals: 3)) for the bigram statistics. \
        \(clippedSentence(history.clippedUpdates, settings.clipping))
        """)

    let bigramLine = entropies.bigram * Double(settings.sequenceLength)
    let crossing = zip(history.iterations, history.smoothedLoss).first { $0.1 < bigramLine }?.0
    if let crossing {
        session.say("The smoothed loss fell below the bigram line at update \(crossing).")
    }
    session.record("charRNN.updatesToBeatBigram", crossing.map { .integer($0) } ?? .null)
    session.say("Samples from the trained network, 300 characters each, primed with the corpus's first character:")
    var samples: [String: JSONValue] = [:]
    for temperature in settings.temperatures {
        let drawn = model.sample(prime: [indices[0]], count: 300, temperature: temperature, using: &sampler)
        let text = vocabulary.text(of: drawn)
        samples[temperatureName(temperature)] = .string(text)
        session.say("τ = \(temperatureName(temperature)) (Eq. 7.10):")
        print(Narrative.wrap(printable(text), indent: "    "))
    }
    if settings.temperatures == CharacterKnobs.defaults.temperature {
        session.say(
            """
            At τ = 0.5 the network keeps to its most confident paths — common words, repeated — at τ = 1 \
            it samples its own distribution, at τ = 1.5 the flattened distribution lets rare characters in \
            and the words fall apart.
            """)
    } else {
        session.say(
            """
            Below τ = 1 the network keeps to its most confident paths, at τ = 1 it samples its own \
            distribution, above 1 the flattened distribution lets rare characters in.
            """)
    }
    session.show("(7.10) pᵢ = exp(oᵢ/τ) / Σⱼ exp(oⱼ/τ)")

    session.record(
        "charRNN.finalSmoothedLoss", .number(history.finalSmoothedLoss),
        summary:
            "char-RNN (hidden \(settings.hidden)) on \(indices.count) characters: smoothed loss \(formatted(history.initialSmoothedLoss, decimals: 1)) → \(formatted(history.finalSmoothedLoss, decimals: 1)) in \(settings.iterations) updates"
    )
    session.record("charRNN.initialSmoothedLoss", .number(history.initialSmoothedLoss))
    session.record("charRNN.vocabularySize", .integer(symbols))
    session.record("charRNN.corpusCharacters", .integer(indices.count))
    session.record("charRNN.unigramLossPerWindow", .number(entropies.unigram * window))
    session.record("charRNN.bigramLossPerWindow", .number(entropies.bigram * window))
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
                    name: "unigram (letter frequencies), \(formatted(entropies.unigram * window, decimals: 1))",
                    ys: [entropies.unigram * window, entropies.unigram * window], xs: [0, end],
                    colour: Colour(hex: 0xE69F00)),
                LineSeries(
                    name: "bigram (previous letter), \(formatted(entropies.bigram * window, decimals: 1))",
                    ys: [entropies.bigram * window, entropies.bigram * window], xs: [0, end],
                    colour: Colour(hex: 0x009E73)),
            ]
        }
        func panel(title: String, end: Double, legend: Bool) -> LinePlot {
            let kept = xs.indices.filter { xs[$0] <= end }
            var plot = LinePlot(
                title: title,
                xLabel:
                    "update, thousands (one window of \(settings.sequenceLength) character\(settings.sequenceLength == 1 ? "" : "s") each)",
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
            title:
                "Character model (hidden \(settings.hidden), T = \(settings.sequenceLength)): loss per \(settings.sequenceLength)-character window",
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

/// What the narrative says after η: why the notes chose 0.05, or what this run changed.
func learningRateRemark(_ learningRate: Double, notesCorpus: Bool) -> String {
    guard learningRate == CharacterKnobs.defaults.eta else { return "the notes use 0.05, the minimal char-RNN 0.1" }
    return notesCorpus ? "the original's 0.1 did worse on this corpus" : "the original's 0.1 did worse on the notes"
}

/// How many updates clipping changed, in the words of the clipping used.
func clippedSentence(_ count: Int, _ clipping: GradientClipping) -> String {
    switch clipping {
    case .value: "\(count) of the updates had an entry clipped."
    case .norm: "\(count) of the updates had their gradient scaled down to the norm limit."
    case .none: "No update was clipped (--clip-by none)."
    }
}

/// The trained character model and its text, for the hidden-state section.
struct CharacterModel: Sendable {
    var model: SequenceModel<VanillaCell>
    var vocabulary: Vocabulary
    var indices: [Int]
}
