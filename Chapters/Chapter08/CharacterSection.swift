// Section 8.7: the character model of Chapter 07 trained on the same text over each of the four
// cells — vanilla, LSTM, GRU, minimal gated unit — with their parameter counts (Eq. 8.20), loss
// curves on one figure and samples side by side.

import ChapterRunner
import Figures
import Foundation
import NeuralCore

/// The character model's settings: Chapter 07's (hidden 100, 25-step truncated BPTT, Adagrad
/// η = 0.1, clipping at ±5), with 32 streams per update so that training goes through BLAS.
enum CharacterSetup {
    static let hidden = 100
    static let sequenceLength = 25
    static let batch = 32
    static let learningRate = 0.1
    static let fullIterations = 1_500
    /// Validation takes every tenth block of this many characters (fewer for short texts).
    static let blockLength = 1_000
    static let quickIterations = 60
    /// The most held-out characters the validation loss reads: 1,000 in a quick run, 20,000 in a
    /// full one (the default text holds out 6,028), so that its cost follows the run, not the text.
    static func maximumValidation(quick: Bool) -> Int { quick ? 1_000 : 20_000 }
    /// The samples' first character, if the text has it.
    static let prime: Character = "T"
    static let evaluations = 10
    static let sampleLength = 240
    static let temperatures = [0.5, 1.0]
}

/// One run's settings of the character model: the notes' (`CharacterSetup`) unless knobs change them.
struct CharacterSettings: Sendable {
    var cells: [CharacterCell]
    var hidden: Int
    var sequenceLength: Int
    var batch: Int
    var learningRate: Double
    var clipping: GradientClipping
    var iterations: Int
    var temperatures: [Double]
    /// The precision of every LSTM's products with W (`LSTMCell.precision`).
    var precision: ProductPrecision

    init(knobs: CharacterKnobs, quick: Bool) {
        cells = knobs.cells
        hidden = knobs.hidden
        sequenceLength = knobs.window
        batch = knobs.batch
        learningRate = knobs.eta
        clipping = knobs.clipBy.clipping(knobs.clip)
        iterations = knobs.updates ?? (quick ? CharacterSetup.quickIterations : CharacterSetup.fullIterations)
        temperatures = knobs.temperature
        precision = knobs.precision
    }

    /// How the narrative names the clipping: "every gradient entry clipped to ±5".
    var clippingPhrase: String {
        switch clipping {
        case .value(let c): "every gradient entry clipped to ±\(c.settingText)"
        case .norm(let c): "the whole gradient clipped to norm \(c.settingText)"
        case .none: "no clipping"
        }
    }

    /// "vanilla network and LSTM": the networks as the figure's title names them.
    var networkNames: String {
        let names = cells.map { $0 == .vanilla ? "vanilla network" : $0.displayName }
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }

    /// "Both networks", "All three networks", "The network".
    /// Which precision the LSTM multiplies in, when it is among the cells: " Everything is
    /// computed in Double, …" (with its leading space), or nothing.
    var precisionPhrase: String {
        guard cells.contains(.lstm) else { return "" }
        return switch precision {
        case .double:
            " Everything is computed in Double, as in every chapter (--precision single multiplies the LSTM by W in Float)."
        case .single:
            " The LSTM multiplies by W in Float (--precision single): W·hₜ₋₁ of Eq. 8.1, and Wᵀδz and δz·hₜ₋₁ᵀ of its backward pass; everything else stays in Double."
        }
    }

    var allNetworks: String {
        switch cells.count {
        case 1: "The network"
        case 2: "Both networks"
        case 3: "All three networks"
        default: "All \(cells.count) networks"
        }
    }
}

extension CharacterCell {
    /// k, the number of H-row blocks of the cell's U, W and b: one weighted input per gate or
    /// candidate — 1 (vanilla, Eq. 7.1), 2 (MGU: f, n), 3 (GRU: z, r, n), 4 (LSTM: f, i, o, g).
    var blocks: Int {
        switch self {
        case .vanilla: 1
        case .mgu: 2
        case .gru: 3
        case .lstm: 4
        }
    }

    /// Eq. 8.20 — the parameters of a character model over this cell, with hidden size H and a
    /// vocabulary of K characters (one-hot input and softmax output both K wide):
    /// k·H·(K + H + 1) for U (kH × K), W (kH × H) and b (kH × 1), plus K·(H + 1) for the read-out
    /// V (K × H) and c (K × 1).
    func parameterCount(hidden: Int, vocabulary: Int) -> Int {
        blocks * hidden * (vocabulary + hidden + 1) + vocabulary * (hidden + 1)
    }

    /// Eq. 8.20 with the numbers in: "4·100·(138 + 100 + 1) + 138·101".
    func parameterFormula(hidden: Int, vocabulary: Int) -> String {
        "\(blocks)·\(hidden)·(\(vocabulary) + \(hidden) + 1) + \(vocabulary)·\(hidden + 1)"
    }
}

/// "LSTM 1.609 < GRU 1.650 < …": the networks from the lowest validation loss to the highest
/// (ties keep the given order), with three decimals.
func validationOrder(_ losses: [(name: String, loss: Double)]) -> String {
    let order = losses.indices.sorted { a, b in
        losses[a].loss != losses[b].loss ? losses[a].loss < losses[b].loss : a < b
    }
    return order.map { "\(losses[$0].name) \(formatted(losses[$0].loss, decimals: 3))" }.joined(separator: " < ")
}

/// The mean loss per character of `model` reading `indices` from the zero state (batch of one).
func characterLoss<Cell: RecurrentCell>(_ model: SequenceModel<Cell>, on indices: [Int]) -> Double {
    var state = model.cell.initialState(batch: 1)
    var total = 0.0
    for (current, next) in zip(indices, indices.dropFirst()) {
        state = model.cell.step(.oneHot([current]), state: state).state
        let logits = model.logits(hidden: state[0]).elements
        let peak = logits.reduce(-Double.infinity, max)
        let logTotal = Foundation.log(logits.reduce(0) { $0 + Foundation.exp($1 - peak) }) + peak
        total += logTotal - logits[next]
    }
    return total / Double(max(indices.count - 1, 1))
}

/// The text cut into blocks of `blockLength` symbols (the last may be shorter), every tenth block
/// (blocks 9, 19, …) held out for validation, so that validation samples the whole text. Both
/// parts keep the text's order.
func validationSplit(_ indices: [Int], blockLength: Int) -> (training: [Int], validation: [Int]) {
    precondition(blockLength > 0, "validationSplit: blocks of \(blockLength)")
    var training: [Int] = []
    var validation: [Int] = []
    for (number, start) in stride(from: 0, to: indices.count, by: blockLength).enumerated() {
        let block = indices[start..<min(start + blockLength, indices.count)]
        if number % 10 == 9 { validation += block } else { training += block }
    }
    return (training, validation)
}

/// One trained character model's record.
struct CharacterRun {
    var name: String
    var kind: CharacterCell
    /// (update, smoothed training loss per character).
    var training: [(x: Double, y: Double)]
    /// (update, validation loss per character).
    var validation: [(x: Double, y: Double)]
    var samples: [Double: String]
    var seconds: Double
    var parameterCount: Int
    /// The trained model, for 8.8.
    var model: CharacterPredictor? = nil
    /// The model after each of the updates asked for (8.9 samples from them; 8.7 draws nothing more).
    var snapshots: [CharacterPredictor] = []
}

/// Builds a fresh `kind` cell (the chapter's initialization) from `generator` and trains it.
func trainCharacterModel(
    _ kind: CharacterCell, vocabulary: Vocabulary, training: [Int], validation: [Int],
    settings: CharacterSettings, generator: inout SeededGenerator, prime: [Int], snapshotUpdates: [Int] = []
) throws -> CharacterRun {
    let (input, hidden) = (vocabulary.count, settings.hidden)
    // One concrete call per cell type, so that each training loop is specialized.
    switch kind {
    case .vanilla:
        return try trainCharacterModel(
            kind, cell: VanillaCell(inputSize: input, hiddenSize: hidden, using: &generator),
            vocabulary: vocabulary, training: training, validation: validation, settings: settings,
            generator: &generator, prime: prime, snapshotUpdates: snapshotUpdates)
    case .lstm:
        var cell = LSTMCell(inputSize: input, hiddenSize: hidden, using: &generator)
        cell.precision = settings.precision
        return try trainCharacterModel(
            kind, cell: cell,
            vocabulary: vocabulary, training: training, validation: validation, settings: settings,
            generator: &generator, prime: prime, snapshotUpdates: snapshotUpdates)
    case .gru:
        return try trainCharacterModel(
            kind, cell: GRUCell(inputSize: input, hiddenSize: hidden, using: &generator),
            vocabulary: vocabulary, training: training, validation: validation, settings: settings,
            generator: &generator, prime: prime, snapshotUpdates: snapshotUpdates)
    case .mgu:
        return try trainCharacterModel(
            kind, cell: MinimalGatedCell(inputSize: input, hiddenSize: hidden, using: &generator),
            vocabulary: vocabulary, training: training, validation: validation, settings: settings,
            generator: &generator, prime: prime, snapshotUpdates: snapshotUpdates)
    }
}

/// Trains `cell` under a read-out drawn from `generator`; `name` (the cell's display name when
/// nil) labels it, and `beforeWindow` runs before each window (8.8 draws its dropout masks there).
func trainCharacterModel<Cell: RecurrentCell>(
    _ kind: CharacterCell, cell: Cell, vocabulary: Vocabulary, training: [Int], validation: [Int],
    settings: CharacterSettings, generator: inout SeededGenerator, prime: [Int], snapshotUpdates: [Int] = [],
    name: String? = nil, beforeWindow: (Int, inout SequenceModel<Cell>) -> Void = { _, _ in }
) throws -> CharacterRun {
    let name = name ?? kind.displayName
    let iterations = settings.iterations
    var model = SequenceModel(cell: cell, outputSize: vocabulary.count, using: &generator)
    var options = CharacterTrainingOptions(iterations: iterations)
    options.sequenceLength = settings.sequenceLength
    options.batchSize = settings.batch
    options.learningRate = settings.learningRate
    options.clipping = settings.clipping
    options.reportEvery = max(1, iterations / CharacterSetup.evaluations)
    options.smoothing = 0.99
    var validationCurve: [(x: Double, y: Double)] = []
    let start = ContinuousClock.now
    var optimizer = Adagrad(learningRate: options.learningRate)
    let batches = SequenceBatches(indices: training, batch: options.batchSize, length: options.sequenceLength)
    var bar = ProgressBar(total: iterations, label: "\(name) character model")
    // Snapshots for 8.8: the parameters after exactly these many updates (0: the initial ones).
    let wanted = Set(snapshotUpdates)
    var snapshots = wanted.contains(0) ? [CharacterPredictor(model, update: 0)] : []
    let history = CharacterTrainer.train(
        &model, on: batches, options: options, optimizer: &optimizer, beforeWindow: beforeWindow,
        afterUpdate: { count, current in
            bar.update(step: count)
            if wanted.contains(count) { snapshots.append(CharacterPredictor(current, update: count)) }
        }
    ) { progress, current in
        validationCurve.append((Double(progress.iteration), characterLoss(current, on: validation)))
    }
    bar.finish()
    // Diverged: NaN, or a smoothed loss far above the uniform guess it started from.
    guard history.finalSmoothedLoss.isFinite, history.finalSmoothedLoss < 3 * history.initialSmoothedLoss else {
        throw ChapterError(
            "the \(name) character model diverged: its smoothed loss went from \(formatted(history.initialSmoothedLoss, decimals: 1)) to \(formatted(history.finalSmoothedLoss, significant: 3)) with learning rate \(settings.learningRate.settingText). Lower --eta (or clip the gradient: --clip-by value) and run again."
        )
    }
    let elapsed = ContinuousClock.now - start
    validationCurve.append((Double(iterations), characterLoss(model, on: validation)))
    let perCharacter = 1 / Double(settings.sequenceLength)
    let curve = zip(history.iterations, history.smoothedLoss).map { (x: Double($0.0), y: $0.1 * perCharacter) }
    var samples: [Double: String] = [:]
    for temperature in settings.temperatures {
        var sampleGenerator = generator
        let drawn = model.sample(
            prime: prime, count: CharacterSetup.sampleLength, temperature: temperature, using: &sampleGenerator)
        samples[temperature] = vocabulary.text(of: drawn)
    }
    let seconds = ChapterRunner.seconds(elapsed)
    return CharacterRun(
        name: name, kind: kind, training: curve, validation: validationCurve, samples: samples, seconds: seconds,
        parameterCount: model.parameters.reduce(0) { $0 + $1.count },
        model: CharacterPredictor(model, update: iterations), snapshots: snapshots)
}

/// The text as the character models read it: its vocabulary, its indices, and the training and
/// held-out parts (every tenth block of `blockLength` characters, at most
/// `CharacterSetup.maximumValidation` of them read).
struct CharacterData {
    var vocabulary: Vocabulary
    var indices: [Int]
    var training: [Int]
    var validation: [Int]
    var blockLength: Int

    init(corpus: Corpus, settings: CharacterSettings, quick: Bool) throws {
        vocabulary = corpus.vocabulary()
        indices = try vocabulary.indices(of: corpus.text)
        // Blocks of 1,000 characters, shorter for short texts so that at least two blocks are held out.
        blockLength = max(10, min(CharacterSetup.blockLength, indices.count / 20))
        let split = validationSplit(indices, blockLength: blockLength)
        training = split.training
        validation = split.validation
        let maximumValidation = CharacterSetup.maximumValidation(quick: quick)
        if validation.count > maximumValidation { validation = Array(validation.prefix(maximumValidation)) }
        guard training.count >= settings.batch * settings.sequenceLength + 1 else {
            throw ChapterError(
                "the training part of the text has \(training.count) characters, too few for \(settings.batch) streams of windows of \(settings.sequenceLength): lower --batch or --window"
            )
        }
    }
}

/// 8.7 — the vanilla network, the LSTM, the GRU and the minimal gated unit on the same text;
/// returns the trained models and the subject's snapshots for 8.8.
@discardableResult
func characterModels(_ session: ChapterSession, corpus: Corpus, knobs: CharacterKnobs = .defaults) throws
    -> CharacterModels
{
    let settings = CharacterSettings(knobs: knobs, quick: session.options.quick)
    let data = try CharacterData(corpus: corpus, settings: settings, quick: session.options.quick)
    let (vocabulary, indices, training, validation) = (data.vocabulary, data.indices, data.training, data.validation)
    let blockLength = data.blockLength
    let iterations = settings.iterations
    let characters = iterations * settings.batch * settings.sequenceLength
    session.say(
        """
        Chapter 07's character model again, on \(corpus.name) (\(indices.count) characters, \(vocabulary.count) \
        distinct): hidden \(settings.hidden), windows of \(settings.sequenceLength) with the state \
        carried between windows, Adagrad η = \(settings.learningRate.settingText), \(settings.clippingPhrase) \
        — with \(settings.batch) stream\(settings.batch == 1 ? "" : "s") per update so the products go through BLAS. \
        \(settings.allNetworks) train\(settings.cells.count == 1 ? "s" : "") for \(iterations) updates (\(characters) characters) on 90% of the text; the loss per character \
        on the other 10% (every tenth block of \(blockLength) characters, \(validation.count) in all, \
        never trained on) measures what they learned.\(settings.precisionPhrase)
        """)
    if let limits = corpus.limits(vocabulary, indices: indices, quick: session.options.quick) { session.say(limits) }
    let prime = SamplePrime(vocabulary: vocabulary, indices: indices)
    var runs: [CharacterRun] = []
    let subject = CharacterModels.subject(of: settings.cells)
    var generator = session.generator.fork()
    // The first network draws from a copy of the section's generator, each later one from a fork.
    for (number, kind) in settings.cells.enumerated() {
        var cellGenerator = number == 0 ? generator : generator.fork()
        runs.append(
            try trainCharacterModel(
                kind, vocabulary: vocabulary, training: training, validation: validation, settings: settings,
                generator: &cellGenerator, prime: [prime.index],
                snapshotUpdates: kind == subject ? CharacterModels.snapshotUpdates(iterations: iterations) : []))
    }
    let uniform = Foundation.log(Double(vocabulary.count))
    session.table(
        [
            "network", "parameters", "k·H·(K + H + 1) + K·(H + 1)", "training loss", "validation loss", "time",
            "chars/s",
        ],
        runs.map { run in
            [
                run.name, "\(run.parameterCount)",
                run.kind.parameterFormula(hidden: settings.hidden, vocabulary: vocabulary.count),
                formatted(run.training.last?.y ?? .nan, decimals: 3),
                formatted(run.validation.last?.y ?? .nan, decimals: 3),
                formatted(run.seconds, decimals: 1) + " s", formatted(Double(characters) / run.seconds, decimals: 0),
            ]
        })
    for run in runs
    where run.parameterCount != run.kind.parameterCount(hidden: settings.hidden, vocabulary: vocabulary.count) {
        throw ChapterError(
            "the \(run.name) model has \(run.parameterCount) parameters, not the \(run.kind.parameterCount(hidden: settings.hidden, vocabulary: vocabulary.count)) of Eq. 8.20"
        )
    }
    // The validation loss at every evaluation: which network leads can change during training.
    if let first = runs.first {
        session.say("Validation loss per character against updates:")
        session.table(
            ["update"] + first.validation.map { grouped(Int($0.x)) },
            runs.map { run in [run.name] + run.validation.map { formatted($0.y, decimals: 2) } })
    }
    let order = validationOrder(runs.map { ($0.name, $0.validation.last?.y ?? .nan) })
    session.say(
        """
        Parameters by Eq. 8.20, k·H·(K + H + 1) + K·(H + 1) with k = 1, 2, 3, 4 weight blocks for the \
        vanilla cell, MGU, GRU and LSTM (times and characters per second are this machine's, printed, \
        never recorded). Training loss: the smoothed loss per character on the training windows, \
        Chapter 07's measure; validation loss: the held-out 10%. From the lowest validation loss: \(order) \
        (one seed, \(iterations) updates, hidden \(settings.hidden)).
        """)
    for run in runs {
        session.record("characters.\(run.name).validationLoss", .number(run.validation.last?.y ?? .nan))
        session.record("characters.\(run.name).trainingLoss", .number(run.training.last?.y ?? .nan))
        session.record("characters.\(run.name).parameters", .number(Double(run.parameterCount)))
        session.record("characters.\(run.name).validationCurve", .array(run.validation.map { .number($0.y) }))
    }
    if let first = runs.first {
        session.record("characters.evaluatedAt", .array(first.validation.map { .integer(Int($0.x)) }))
    }
    session.record(
        "characters.summary",
        .string(
            runs.map { "\($0.name) \(formatted($0.validation.last?.y ?? .nan, decimals: 3))" }.joined(separator: ", ")),
        summary: "8.7 · validation loss per character: "
            + runs.map { "\($0.name) \(formatted($0.validation.last?.y ?? .nan, decimals: 3))" }.joined(separator: ", ")
            + " (uniform \(formatted(uniform, decimals: 3)))")
    var series: [LineSeries] = []
    for run in runs {
        let colour = CellColours.named(run.name)
        series.append(
            LineSeries(name: "\(run.name), training (smoothed)", points: run.training, colour: colour, dashed: true))
        series.append(
            LineSeries(name: "\(run.name), validation", points: run.validation, colour: colour, markers: true))
    }
    let lastUpdate = runs.flatMap { $0.training.map(\.x) + $0.validation.map(\.x) }.max() ?? 1
    // The uniform guess as a named flat series: its value in the legend, no label on the curves.
    series.insert(
        LineSeries(
            name: "uniform guess, \(formatted(uniform, decimals: 2))", ys: [uniform, uniform], xs: [0, lastUpdate],
            colour: CellColours.reference), at: 0)
    var plot = LinePlot(
        title: "Character model on the same text: \(settings.networkNames) (hidden \(settings.hidden))",
        xLabel: "update (\(settings.batch) × \(settings.sequenceLength) characters each)",
        yLabel: "loss per character (nats)", series: series)
    plot.legend = .topRight  // over the uniform line's right end, which it names
    try session.writeFile("char-model-loss.png") { url in
        try plot.write(
            to: url,
            metadata: session.metadata(
                title: "Character model loss: " + runs.map(\.name).joined(separator: " vs ")))
    }
    let fallback =
        corpus.text.contains(CharacterSetup.prime)
        ? "\"\(CharacterSetup.prime)\" is one of the rare characters read as \"\(Vocabulary.otherSymbol)\""
        : "the text has no \"\(CharacterSetup.prime)\""
    session.say(
        "Samples after training, \(runs.count == 1 ? "" : runs.count == 2 ? "both " : "all ")primed with \"\(prime.name)\"\(prime.isDefault ? "" : " (\(fallback), so its first character that is not white space)"), each drawn from its own network's seeded stream:"
    )
    // Two networks side by side per block of lines (vanilla beside LSTM, GRU beside MGU), so that
    // a line stays under a hundred characters.
    for temperature in settings.temperatures {
        for pair in stride(from: 0, to: runs.count, by: 2).map({ runs[$0..<min($0 + 2, runs.count)] }) {
            let columns = pair.map { run in
                wrapped(
                    (run.samples[temperature] ?? "").map { character in
                        character == "\n" || character.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
                            ? Vocabulary.displayName(character) : String(character)
                    }.joined(), width: 44)
            }
            let header = pair.map { "\($0.name), τ = \(temperatureName(temperature))" }
            session.show(header.map { $0.padding(toLength: 46, withPad: " ", startingAt: 0) }.joined(separator: "│ "))
            for line in 0..<(columns.map(\.count).max() ?? 0) {
                session.show(
                    columns.map {
                        ($0.indices.contains(line) ? $0[line] : "").padding(toLength: 46, withPad: " ", startingAt: 0)
                    }
                    .joined(separator: "│ "))
            }
            session.show("")
        }
    }
    return CharacterModels(
        vocabulary: vocabulary, training: training, validation: validation, blockLength: data.blockLength,
        prime: prime, runs: runs, subject: subject)
}

/// The character the samples start from: `CharacterSetup.prime` ("T") if the vocabulary has it,
/// else the text's first character that is not white space and has a symbol of its own (else its
/// first character).
struct SamplePrime: Sendable, Equatable {
    var index: Int
    var name: String
    /// Whether it is `CharacterSetup.prime`.
    var isDefault: Bool

    init(vocabulary: Vocabulary, indices: [Int]) {
        if let index = vocabulary.index(of: CharacterSetup.prime) {
            self.init(index: index, name: String(CharacterSetup.prime), isDefault: true)
            return
        }
        let index =
            indices.first { $0 != vocabulary.otherIndex && !vocabulary.symbols[$0].isWhitespace } ?? indices.first ?? 0
        self.init(index: index, name: vocabulary.displayName(of: index), isDefault: false)
    }

    init(index: Int, name: String, isDefault: Bool) {
        self.index = index
        self.name = name
        self.isDefault = isDefault
    }
}

/// `text` cut into lines of `width` characters.
func wrapped(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for character in text {
        current.append(character)
        if current.count == width {
            lines.append(current)
            current = ""
        }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
}
