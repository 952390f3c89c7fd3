// Section 7.7: a word-level language model — the vanilla network of Eq. 7.1 reading whole sentences
// of the corpus one word at a time, its softmax over a vocabulary of the most frequent words.

import ChapterRunner
import Figures
import Foundation
import NeuralCore

/// The settings of the word model: the knobs, and the quick run's smaller sizes.
struct WordSettings: Sendable {
    var words: Int
    var hidden: Int
    var learningRate: Double
    var updates: Int
    var batch = 16
    /// Validation points on the loss curve.
    var evaluations = 20
    var temperatures: [Double] = [0.5, 1]
    var samplesPerTemperature = 4
    /// The vocabulary sizes C the cost table times, and the steps timed at each.
    var timedSizes = [250, 500, 1_000, 2_000, 4_000, 8_000]
    var timedSteps: Int

    init(knobs: WordKnobs, quick: Bool) {
        words = knobs.words
        hidden = knobs.hidden
        learningRate = knobs.eta
        updates = knobs.updates ?? (quick ? WordKnobs.quickUpdates : WordKnobs.defaultUpdates)
        timedSteps = quick ? 2 : 10
        if quick { timedSizes = [250, 1_000, 4_000] }
    }
}

/// 7.7 — train the word model; print its vocabulary, cost, losses and sentences.
func wordModel(_ session: ChapterSession, corpus: Corpus, knobs: WordKnobs = .defaults) throws {
    let settings = WordSettings(knobs: knobs, quick: session.options.quick)
    let sentences = WordTokenizer.sentences(corpus.text)
    // Every tenth sentence is held out: the vocabulary and the training see only the others.
    let training = sentences.indices.filter { $0 % 10 != 9 }.map { sentences[$0] }
    let held = sentences.indices.filter { $0 % 10 == 9 }.map { sentences[$0] }
    guard sentences.count >= 10 else {
        // A reader's text without sentence ends (one long line, a poem without stops) is still a
        // character model's text: the word model says why it does not run, and the chapter goes on.
        session.say(
            "The word model needs at least 10 sentences (every tenth is held out); \(corpus.name) has \(sentences.count) by the rule of this section (sentences end at . ! ? or a blank line), so the section stops here."
        )
        session.record("wordRNN.sentences", .integer(sentences.count))
        return
    }
    let vocabulary = WordVocabulary(sentences: training, words: settings.words)
    let c = vocabulary.count
    let h = settings.hidden
    let trainingWords = training.reduce(0) { $0 + $1.count }
    let heldWords = held.reduce(0) { $0 + $1.count }
    let distinct = Set(training.joined()).count
    session.say(
        """
        A word-level model predicts the next word instead of the next character. The corpus (\(corpus.name)) \
        is cut into sentences and words by one rule: mathematics ($…$, $$…$$), code (`…`), HTML comments \
        and link targets are dropped; sentences end at . ! ? before a space or a line end, at blank lines \
        and around headings and table rows; words are runs of letters and apostrophes, lower-cased. That \
        gives \(sentences.count) sentences; every tenth (\(held.count), \(heldWords) words) is held out, \
        the other \(training.count) (\(trainingWords) words, \(distinct) distinct) train the model. The \
        probability of a sentence is the product of the next-word probabilities (Eq. 7.12), and its \
        negative logarithm is the loss of Eq. 7.3:
        """)
    session.show("(7.12) P(w₁ … w_m) = Πᵢ₌₁…ₘ₊₁ P(wᵢ | SENTENCE_START, w₁ … wᵢ₋₁),   w_{m+1} = SENTENCE_END")
    let kept = c - WordVocabulary.specialNames.count
    session.say(
        """
        The vocabulary keeps the \(kept) most frequent training words\(kept < settings.words ? " (all of them: fewer than the \(settings.words) asked for)" : "") \
        and adds three tokens: SENTENCE_START (the first input of every sentence), SENTENCE_END (the last \
        target, so the model learns where sentences stop) and UNKNOWN, which every other word is read as: \
        C = \(c) tokens. It covers \(percent(vocabulary.coverage(training), decimals: 1)) of the training \
        words and \(percent(vocabulary.coverage(held), decimals: 1)) of the held-out ones. The most \
        frequent words:
        """)
    let top = (0..<min(20, kept)).map { "\(vocabulary.tokens[$0 + 3]) \(vocabulary.counts[$0])" }
    print(Narrative.wrap(top.joined(separator: " · "), indent: "    "))

    // The cost: parameters and multiply-adds (Eq. 7.13), and this machine's time per update.
    let parameters = WordModelCost.parameters(tokens: c, hidden: h)
    session.show("(7.13) parameters = 2HC + H² + H + C = \(grouped(parameters))   (H = \(h), C = \(c))")
    session.say(
        """
        The input is one-hot, so U x is the column of U for that word: a lookup, whatever C. The softmax \
        is not: V h, its gradient and Vᵀ ∂L/∂o each take C·H multiply-adds per word, against H² for each \
        of the recurrent products, so for C ≫ H the output layer is nearly all the work (Eq. 7.14). \
        Measured here, one update on a batch of \(settings.batch) sentences of 20 tokens (H = \(h), \
        \(settings.timedSteps) updates timed at each size on random tokens):
        """)
    session.show("(7.14) multiply-adds per token ≈ 3CH (softmax layer) + 3H² (recurrent layer)")
    var timer = session.generator.fork()
    var rows: [[String]] = []
    var counts: [JSONValue] = []
    var times: [Double] = []
    var works: [Int] = []
    for size in settings.timedSizes {
        let cost = WordModelCost.multiplyAdds(tokens: size, hidden: h)
        let milliseconds = timeUpdate(
            tokens: size, hidden: h, batch: settings.batch, steps: settings.timedSteps, using: &timer)
        times.append(milliseconds)
        works.append(cost.output + cost.recurrent)
        rows.append([
            grouped(size), grouped(WordModelCost.parameters(tokens: size, hidden: h)),
            grouped(cost.output), grouped(cost.recurrent),
            percent(Double(cost.output) / Double(cost.output + cost.recurrent), decimals: 0),
            formatted(milliseconds, decimals: 1),
        ])
        counts.append(
            .object(["C": .integer(size), "softmax": .integer(cost.output), "recurrent": .integer(cost.recurrent)]))
    }
    session.table(
        [
            "C", "parameters", "softmax mult-adds/token", "recurrent mult-adds/token", "softmax share",
            "ms per update (this machine)",
        ], rows)
    let timeGrowth = times.last! / max(times.first!, 1e-9)
    let workGrowth = Double(works.last!) / Double(works.first!)
    session.say(
        """
        From C = \(grouped(settings.timedSizes.first!)) to \(grouped(settings.timedSizes.last!)) the \
        multiply-adds per token grow \(formatted(workGrowth, decimals: 1))-fold and the measured time per \
        update \(formatted(timeGrowth, decimals: 1))-fold; the recurrent layer costs the same at every C. \
        The notes' 8,000-word model with H = 100 has 2HC + H² = 1,610,000 parameters, of which the \
        recurrent W is only 10,000: a large vocabulary calls for a cheaper output layer (a hierarchical \
        or sampled softmax), or a smaller vocabulary, as here.
        """)
    session.record("wordRNN.multiplyAddsPerToken", .array(counts))

    // Training: padded batches of whole sentences, Adam, the loss per predicted token.
    let encodedTraining = training.map(vocabulary.encode)
    let encodedHeld = held.map(vocabulary.encode)
    var generator = session.generator.fork()
    var shuffler = session.generator.fork()
    var sampler = session.generator.fork()
    let cell = VanillaCell(inputSize: c, hiddenSize: h, using: &generator)
    var model = SequenceModel(cell: cell, outputSize: c, using: &generator)
    model.normalization = .perTarget
    let counted = model.parameters.reduce(0) { $0 + $1.rows * $1.columns }
    precondition(counted == parameters, "7.7: the model has \(counted) parameters, Eq. 7.13 says \(parameters)")
    let uniform = log(Double(c))
    let unigram = WordBatches.unigramLoss(training: encodedTraining, held: encodedHeld, tokens: c)
    session.say(
        """
        The network is Eq. 7.1 with H = \(h) hidden units and a softmax over the C = \(c) tokens: \
        \(grouped(parameters)) parameters, counted from its matrices (Eq. 7.13). Each update reads \
        \(settings.batch) training sentences (a fresh shuffle every pass), each from h₀ = 0, one per column; \
        the shorter ones are padded with steps that carry no target. The loss is the mean −log P over the \
        predicted tokens (every word and every SENTENCE_END), Adam with η = \(settings.learningRate.settingText), \
        gradients clipped to ±5, \(settings.updates) updates. For scale: a uniform guess costs \
        log C = \(formatted(uniform, decimals: 2)) nats per token, the training frequencies alone \
        (unigram) \(formatted(unigram, decimals: 2)) on the held-out sentences.
        """)
    var order = Array(encodedTraining.indices)
    shuffler.shuffle(&order)
    var position = 0
    var optimizer = Adam(learningRate: settings.learningRate)
    var curve: [(update: Int, training: Double, held: Double)] = []
    let every = max(1, settings.updates / settings.evaluations)
    var trainingSinceEvaluation = 0.0
    var batchesSinceEvaluation = 0
    var bar = ProgressBar(total: settings.updates, label: "word RNN")
    let start = ContinuousClock.now
    var done = 0
    while done < settings.updates {
        let block = min(every, settings.updates - done)
        let history = SequenceTrainer.train(
            &model, updates: block, optimizer: &optimizer, clipping: .value(5)
        ) { _ in
            var chosen: [(inputs: [Int], targets: [Int])] = []
            for _ in 0..<settings.batch {
                if position == order.count {
                    shuffler.shuffle(&order)
                    position = 0
                }
                chosen.append(encodedTraining[order[position]])
                position += 1
            }
            return WordBatches.batch(chosen)
        }
        done += block
        bar.update(step: done)
        trainingSinceEvaluation += history.losses.reduce(0, +)
        batchesSinceEvaluation += history.losses.count
        curve.append(
            (
                done, trainingSinceEvaluation / Double(batchesSinceEvaluation),
                WordBatches.meanLoss(model, on: encodedHeld)
            ))
        trainingSinceEvaluation = 0
        batchesSinceEvaluation = 0
    }
    bar.finish()
    let seconds = ChapterRunner.seconds(since: start)
    guard let last = curve.last, last.held.isFinite else {
        throw ChapterError("the word model diverged (its loss is not a number); lower --word-eta and run again")
    }
    let best = curve.min { $0.held < $1.held }!
    let trainingLoss = WordBatches.meanLoss(model, on: encodedTraining)
    let passes = Double(settings.updates * settings.batch) / Double(encodedTraining.count)
    session.say(
        """
        After \(settings.updates) updates (\(formatted(passes, decimals: 1)) passes over the training \
        sentences, \(formatted(seconds, decimals: 1)) s here) the loss is \(formatted(trainingLoss, decimals: 2)) \
        nats per token on the training sentences and \(formatted(last.held, decimals: 2)) on the held-out \
        ones: perplexity exp(loss) = \(formatted(exp(last.held), decimals: 0)), as uncertain as a fair \
        choice among that many tokens (\(formatted(exp(unigram), decimals: 0)) for the unigram, \(c) for \
        the uniform guess). The held-out loss was lowest, \(formatted(best.held, decimals: 2)), at update \
        \(best.update)\(last.held > best.held + 0.1 ? "; after that the model fits its training sentences better and the held-out ones worse: \(training.count) sentences are little data for \(grouped(parameters)) parameters" : "").
        """)
    session.record(
        "wordRNN.heldOutLoss", .number(last.held),
        summary:
            "word RNN (C = \(c), H = \(h)): held-out \(formatted(last.held, decimals: 2)) nats per token, perplexity \(formatted(exp(last.held), decimals: 0))"
    )
    session.record("wordRNN.heldOutPerplexity", .number(exp(last.held)))
    session.record("wordRNN.bestHeldOutLoss", .number(best.held))
    session.record("wordRNN.bestUpdate", .integer(best.update))
    session.record("wordRNN.trainingLoss", .number(trainingLoss))
    session.record("wordRNN.unigramLoss", .number(unigram))
    session.record("wordRNN.tokens", .integer(c))
    session.record("wordRNN.parameters", .integer(parameters))
    session.record("wordRNN.sentences", .integer(sentences.count))
    session.record("wordRNN.trainingWords", .integer(trainingWords))
    session.record("wordRNN.heldOutWords", .integer(heldWords))
    session.record("wordRNN.coverage", .number(vocabulary.coverage(training)))
    session.record("wordRNN.heldOutCoverage", .number(vocabulary.coverage(held)))
    session.record("wordRNN.topWords", .array((0..<min(10, kept)).map { .string(vocabulary.tokens[$0 + 3]) }))

    // Sentences: from SENTENCE_START, each word drawn at τ (Eq. 7.10) and fed back, to SENTENCE_END.
    session.say(
        "Generated sentences: SENTENCE_START in, each next word drawn from the softmax at temperature τ (Eq. 7.10) and fed back in, until SENTENCE_END (or 30 words):"
    )
    let known = Set(training.map { $0.joined(separator: " ") })
    var samples: [String: JSONValue] = [:]
    var copied = 0
    var drawnCount = 0
    for temperature in settings.temperatures {
        var lines: [JSONValue] = []
        for _ in 0..<settings.samplesPerTemperature {
            let drawn = model.sample(
                prime: [WordVocabulary.start], count: 30, temperature: temperature, using: &sampler)
            let text = vocabulary.text(drawn)
            if known.contains(text) { copied += 1 }
            drawnCount += 1
            lines.append(.string(text))
            print(
                Narrative.wrap(
                    "τ = \(temperatureName(temperature)): \(text.isEmpty ? "(an empty sentence)" : text)",
                    indent: "    "))
        }
        samples[temperatureName(temperature)] = .array(lines)
    }
    session.say(
        copied * 2 > drawnCount
            ? """
            \(copied) of the \(drawnCount) sentences are training sentences copied whole: after \
            \(formatted(passes, decimals: 0)) passes the network has memorised many of its \(training.count) \
            short training sentences (headings and captions above all), which is also why its held-out \
            loss is far above its training loss.
            """
            : """
            \(copied) of the \(drawnCount) sentences \(copied == 1 ? "is a training sentence" : "are training sentences") \
            copied whole; the others string the notes' words together, locally plausible at best.
            """)
    session.record("wordRNN.samples", .object(samples))
    session.record("wordRNN.copiedSamples", .integer(copied))
    session.configure("wordRNN.words", .integer(settings.words))
    session.configure("wordRNN.hidden", .integer(h))
    session.configure("wordRNN.learningRate", .number(settings.learningRate))
    session.configure("wordRNN.updates", .integer(settings.updates))
    session.configure("wordRNN.batch", .integer(settings.batch))

    try session.writeFile("word-rnn-loss.png") { url in
        let xs = curve.map { Double($0.update) }
        var plot = LinePlot(
            title: "Word model (C = \(grouped(c)) tokens, H = \(h)): loss per predicted token",
            xLabel: "update (a batch of \(settings.batch) sentences each)", yLabel: "loss per token (nats)",
            series: [
                LineSeries(
                    name: "uniform guess, log C = \(formatted(uniform, decimals: 2))", ys: [uniform, uniform],
                    xs: [0, xs.last ?? 1], colour: Colour(hex: 0x999999)),
                LineSeries(
                    name: "unigram (training frequencies), \(formatted(unigram, decimals: 2))", ys: [unigram, unigram],
                    xs: [0, xs.last ?? 1], colour: Colour(hex: 0xE69F00)),
                LineSeries(
                    name: "training batches (mean since the last point)", ys: curve.map(\.training), xs: xs,
                    colour: Colour(hex: 0x0072B2), markers: curve.count <= 30),
                LineSeries(
                    name: "held-out sentences", ys: curve.map(\.held), xs: xs, colour: Colour(hex: 0xD55E00),
                    markers: curve.count <= 30),
            ])
        let lowest = min(unigram, curve.map(\.training).min() ?? unigram, curve.map(\.held).min() ?? unigram)
        let highest = max(uniform, curve.map(\.training).max() ?? uniform, curve.map(\.held).max() ?? uniform)
        plot.yRange = max(0, (lowest - 0.5).rounded(.down))...(highest + 0.3)
        plot.xRange = 0...(xs.last ?? 1)
        plot.legend = .bottomLeft
        try plot.write(to: url, metadata: session.metadata(title: "Word model loss"))
    }
    try session.writeFile("word-rnn-cost.png") { url in
        let sizes = Array(stride(from: 250, through: 8_000, by: 250))
        let output = sizes.map { Double(WordModelCost.multiplyAdds(tokens: $0, hidden: h).output) / 1e6 }
        let recurrent = sizes.map { Double(WordModelCost.multiplyAdds(tokens: $0, hidden: h).recurrent) / 1e6 }
        var plot = LinePlot(
            title: "Multiply-adds per token, forward and backward (H = \(h)), log scale",
            xLabel: "vocabulary size C (tokens)", yLabel: "multiply-adds per token (millions, log scale)",
            series: [
                LineSeries(
                    name: "softmax layer, 3CH", ys: output, xs: sizes.map(Double.init), colour: Colour(hex: 0xD55E00)),
                LineSeries(
                    name: "recurrent layer, 3H² + 2H", ys: recurrent, xs: sizes.map(Double.init),
                    colour: Colour(hex: 0x0072B2)),
            ])
        // The run's C named in the legend: a label on the line would cross the curves.
        plot.references = [.vertical(Double(c), colour: Colour(hex: 0x444444))]
        plot.series.append(
            LineSeries(name: "this run's C = \(grouped(c))", points: [], colour: Colour(hex: 0x444444), dashed: true))
        plot.yScale = .log10
        plot.xRange = 0...8_000
        plot.legend = .topLeft
        try plot.write(to: url, metadata: session.metadata(title: "Word model cost"))
    }
}

/// Milliseconds per update (forward, BPTT, Adam) of a fresh model with `tokens` outputs on random
/// sentences of 20 tokens, the mean of `steps` updates after one untimed warm-up.
func timeUpdate(tokens: Int, hidden: Int, batch: Int, steps: Int, using generator: inout SeededGenerator) -> Double {
    var model = SequenceModel(
        cell: VanillaCell(inputSize: tokens, hiddenSize: hidden, using: &generator), outputSize: tokens,
        using: &generator)
    model.normalization = .perTarget
    let encoded = (0..<batch).map { _ in
        let words = (0..<19).map { _ in Int(generator.next() % UInt64(tokens)) }
        return (inputs: [0] + words, targets: words + [1])
    }
    let (inputs, targets) = WordBatches.batch(encoded)
    var optimizer = Adam(learningRate: 0.001)
    var clock = ContinuousClock.now
    for step in 0...steps {
        if step == 1 { clock = ContinuousClock.now }
        let result = model.lossAndGradients(inputs: inputs, targets: targets)
        optimizer.step(&model.parameters, gradients: result.gradients)
    }
    return ChapterRunner.seconds(since: clock) * 1000 / Double(max(steps, 1))
}
