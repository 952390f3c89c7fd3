// Section 8.8: what the character model of 8.7 has learned, without training it again — samples
// from its snapshots at a doubling sequence of updates (measured: spaces, word lengths, real
// words), the five most likely next characters under a held-out passage (a figure after
// Karpathy 2015), how many sampled words are new, and whether the samples close what they open.

import ChapterRunner
import Figures
import Foundation
import NeuralCore

/// 8.8's settings.
enum LearnedSetup {
    /// Characters of each snapshot's sample that the narrative prints.
    static let shownLength = 200
    /// Characters of each snapshot's sample that the measures read.
    static func measuredLength(quick: Bool) -> Int { quick ? 400 : 2_000 }
    /// Characters of each long sample (novelty, closing), unless --long-sample says otherwise.
    static func longLength(quick: Bool) -> Int { quick ? 2_000 : 20_000 }
    static let temperature = 1.0
    /// The passage of the top-five figure: rows of this many characters.
    static let perRow = 40
    static let rows = 4
}

/// A trained character model reduced to what 8.8 asks of it, whatever its cell.
struct CharacterPredictor {
    /// The updates it had when this was taken.
    var update: Int
    private let sampler: ([Int], Int, Double, inout SeededGenerator) -> [Int]
    private let reader: ([Int]) -> [[Double]]

    init<Cell: RecurrentCell>(_ model: SequenceModel<Cell>, update: Int) {
        self.update = update
        sampler = { prime, count, temperature, generator in
            model.sample(prime: prime, count: count, temperature: temperature, using: &generator)
        }
        reader = { indices in
            var state = model.cell.initialState(batch: 1)
            return indices.map { index in
                state = model.cell.step(.oneHot([index]), state: state).state
                return TemperatureSampling.probabilities(
                    logits: model.logits(hidden: state[0]).elements, temperature: 1)
            }
        }
    }

    /// `count` symbols drawn at `temperature` after `prime` (SequenceModel.sample).
    func sample(prime: [Int], count: Int, temperature: Double, using generator: inout SeededGenerator) -> [Int] {
        sampler(prime, count, temperature, &generator)
    }

    /// The softmax over the next symbol after reading each of `indices` from the zero state.
    func distributions(reading indices: [Int]) -> [[Double]] { reader(indices) }
}

/// What 8.7 hands to 8.8: the text as it split it, and its trained models.
struct CharacterModels {
    var vocabulary: Vocabulary
    var training: [Int]
    var validation: [Int]
    /// The length of the blocks `validation` was cut in (`validationSplit`).
    var blockLength: Int
    var prime: SamplePrime
    var runs: [CharacterRun]
    /// The cell whose snapshots 8.7 kept.
    var subject: CharacterCell

    /// The LSTM if 8.7 trains one, else its first cell.
    static func subject(of cells: [CharacterCell]) -> CharacterCell {
        cells.contains(.lstm) ? .lstm : cells[0]
    }

    /// 0 (the initial weights), then iterations/60 doubling while below `iterations`, then
    /// `iterations`: 0, 25, 50, 100, 200, 400, 800, 1500 for the default 1,500.
    static func snapshotUpdates(iterations: Int) -> [Int] {
        var updates = [0]
        var update = max(1, iterations / 60)
        while update < iterations {
            updates.append(update)
            update *= 2
        }
        return updates + [iterations]
    }

    var subjectRun: CharacterRun? { runs.first { $0.kind == subject } }
    /// The vanilla network, the comparison for closing, if 8.7 trained it besides the subject.
    var vanillaRun: CharacterRun? { subject == .vanilla ? nil : runs.first { $0.kind == .vanilla } }
}

/// Where the passage of the top-five figure starts in `text`, always at a sentence start (after
/// ". ", or after a line break before a capital letter) and inside one block of `blockLength`
/// (held-out text is blocks cut from all over the training text, so a passage across two would
/// jump mid-sentence): the first whose `length` characters hold no line break, `$`, backtick or
/// `|` and are at least 75% letters; when none is that clean (the default notes are wrapped at
/// 100 characters), the one with the most letters less four for each of those characters, the
/// earliest of equals; 0 if `text` has no sentence start at all.
func passageStart(in text: [Character], length: Int, blockLength: Int = .max) -> Int {
    guard text.count > length + 1 else { return 0 }
    let unreadable: (Character) -> Bool = { "\n$`|".contains($0) }
    var best: (start: Int, score: Int)?
    for start in 1...(text.count - length) {
        let afterFullStop = start >= 2 && text[start - 2] == "." && text[start - 1] == " "
        let afterLineBreak = text[start - 1] == "\n" && text[start].isUppercase
        guard afterFullStop || afterLineBreak, start / blockLength == (start + length - 1) / blockLength else {
            continue
        }
        let window = text[start..<(start + length)]
        let letters = window.filter(\.isLetter).count
        let flaws = window.filter(unreadable).count
        if flaws == 0 && Double(letters) >= 0.75 * Double(length) { return start }
        let score = letters - 4 * flaws
        if score > best?.score ?? .min { best = (start, score) }
    }
    return best?.start ?? 0
}

/// `text` with line breaks and control characters shown by their symbols (↵, ⇥, ␀ …).
func printable(_ text: String) -> String {
    text.map { character in
        character == "\n" || character.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
            ? Vocabulary.displayName(character) : String(character)
    }.joined()
}

/// 8.8 — what the character model has learned.
func learnedModel(_ session: ChapterSession, models: CharacterModels, knobs: LearnedKnobs = .defaults) throws {
    let quick = session.options.quick
    let vocabulary = models.vocabulary
    let trainingText = vocabulary.text(of: models.training)
    let known = Set(splitWords(trainingText))
    let reference = SampleMeasures(text: trainingText, known: known)
    // Three streams: the snapshots' (the same for each), the subject's long sample, the vanilla's.
    let snapshotStream = session.generator.fork()
    var longStream = session.generator.fork()
    var vanillaStream = session.generator.fork()
    guard let subject = models.subjectRun, let final = subject.model else {
        throw ChapterError("8.7 trained no model for 8.8 to read")
    }
    let name = subject.name
    let prime = [models.prime.index]
    let measuredLength = LearnedSetup.measuredLength(quick: quick)
    let τ = LearnedSetup.temperature

    // 1. Samples during training.
    session.say(
        """
        8.7 kept the \(name)'s parameters after \(subject.snapshots.map { grouped($0.update) }.joined(separator: ", ")) \
        updates (no extra training). Each snapshot samples \(measuredLength) characters at τ = \(temperatureName(τ)) \
        from the same prime "\(models.prime.name)" and the same seeded stream, so only the weights differ; \
        the first \(LearnedSetup.shownLength) of each:
        """)
    var rows: [(update: Int, measures: SampleMeasures, loss: Double, text: String)] = []
    for snapshot in subject.snapshots {
        var stream = snapshotStream
        let text = vocabulary.text(
            of: snapshot.sample(prime: prime, count: measuredLength, temperature: τ, using: &stream))
        let loss = validationLoss(snapshot, on: models.validation)
        rows.append((snapshot.update, SampleMeasures(text: text, known: known), loss, text))
        session.show("after \(grouped(snapshot.update)) updates:")
        for line in wrapped(printable(String(text.prefix(LearnedSetup.shownLength))), width: 90) {
            session.show("  " + line)
        }
    }
    session.table(
        ["updates", "validation loss", "spaces", "mean word length", "real: 3+ letters", "3–5", "6+", "words"],
        rows.map { row in
            [
                grouped(row.update), formatted(row.loss, decimals: 2), percent(row.measures.spaces),
                formatted(row.measures.meanWordLength, decimals: 2), percent(row.measures.knownWords),
                percent(row.measures.knownShort), percent(row.measures.knownLong), grouped(row.measures.words),
            ]
        }
            + [
                [
                    "training text", "—", percent(reference.spaces), formatted(reference.meanWordLength, decimals: 2),
                    percent(reference.knownWords), percent(reference.knownShort), percent(reference.knownLong),
                    grouped(reference.words),
                ]
            ])
    // When the fraction of spaces first comes within a fifth of the text's, and real words pass half.
    let spacesReached = rows.first { abs($0.measures.spaces - reference.spaces) <= 0.2 * reference.spaces }?.update
    let wordsReached = rows.first { $0.measures.knownWords >= 0.5 }?.update
    // When a quarter of the short sampled words, and a quarter of the long ones, are real.
    let shortReached = rows.first { $0.measures.knownShort >= 0.25 }?.update
    let longReached = rows.first { $0.measures.knownLong >= 0.25 }?.update
    session.say(
        """
        Spaces: \(percent(rows.first?.measures.spaces ?? 0)) of the untrained model's characters, \
        \(percent(reference.spaces)) of the training text's; the samples' share comes within a fifth of the \
        text's \(spacesReached.map { "after \(grouped($0)) updates" } ?? "in none of the snapshots"). \
        Words of three letters or more that the training text has: \(wordsReached.map { "more than half of the sampled ones after \(grouped($0)) updates" } ?? "never more than half of the sampled ones"), \
        \(percent(rows.last?.measures.knownWords ?? 0)) at the end; the mean word length goes from \
        \(formatted(rows.first?.measures.meanWordLength ?? 0, decimals: 2)) to \
        \(formatted(rows.last?.measures.meanWordLength ?? 0, decimals: 2)) letters \
        (the text's: \(formatted(reference.meanWordLength, decimals: 2))). ("Real": a word the training text has; \
        "3–5" and "6+" count only words of that length.) A quarter of the sampled words of 3–5 letters are real \
        \(shortReached.map { "from \(grouped($0)) updates" } ?? "in no snapshot"), a quarter of those of 6 or more \
        \(longReached.map { "from \(grouped($0)) updates" } ?? "in no snapshot").
        """)
    for row in rows {
        let key = "learned.snapshots.\(row.update)"
        session.record("\(key).spaces", .number(row.measures.spaces))
        session.record("\(key).meanWordLength", .number(row.measures.meanWordLength))
        session.record("\(key).knownWords", .number(row.measures.knownWords))
        session.record("\(key).knownShortWords", .number(row.measures.knownShort))
        session.record("\(key).knownLongWords", .number(row.measures.knownLong))
        session.record("\(key).validationLoss", .number(row.loss))
    }
    session.record("learned.training.spaces", .number(reference.spaces))
    session.record("learned.training.meanWordLength", .number(reference.meanWordLength))
    try session.writeFile("char-model-samples-during-training.txt") { url in
        let body = rows.map {
            "after \($0.update) updates (validation loss \(formatted($0.loss, decimals: 3))):\n\($0.text)\n"
        }
        try (body.joined(separator: "\n")).write(to: url, atomically: true, encoding: .utf8)
    }
    try writeProgressFigure(session, rows: rows.map { ($0.update, $0.measures) }, reference: reference, name: name)

    // 2. The five most likely next characters under a held-out passage.
    // On the indices themselves (one symbol each), so that no character is merged or split.
    let heldOut = models.validation.map { vocabulary.symbols[$0] }
    let length = max(1, min(LearnedSetup.perRow * LearnedSetup.rows, heldOut.count - 1))
    let start = passageStart(in: heldOut, length: length + 1, blockLength: models.blockLength)
    let passage = Array(heldOut[start..<(start + length + 1)])
    // The model reads from the zero state a run-in of up to 200 characters before the passage.
    let runIn = max(0, start - 200)
    let distributions = Array(
        final.distributions(reading: Array(models.validation[runIn..<(start + length)])).suffix(length))
    let nextIndices = Array(models.validation[(start + 1)...(start + length)])
    var columns: [TopFiveFigure.Column] = []
    var top1 = 0
    var inTop5 = 0
    for (position, distribution) in distributions.enumerated() {
        let guesses = topFive(distribution)
        let hit = guesses.firstIndex { $0.index == nextIndices[position] }
        if hit == 0 { top1 += 1 }
        if hit != nil { inTop5 += 1 }
        columns.append(
            .init(
                character: Vocabulary.displayName(passage[position]),
                guesses: guesses.map { (vocabulary.displayName(of: $0.index), $0.probability) }, hit: hit))
    }
    let figure = TopFiveFigure(
        title: "What the \(name) expects next, along a held-out passage",
        subtitle:
            "Under each character read: the five most likely next characters after \(grouped(subject.snapshots.last?.update ?? 0)) updates, shaded by probability",
        columns: columns, perRow: LearnedSetup.perRow)
    try session.writeFile("char-model-top5.png") { url in
        try figure.write(to: url, metadata: session.metadata(title: "The \(name)'s five most likely next characters"))
    }
    session.say(
        """
        char-model-top5.png: \(length) held-out characters (never trained on), each with the \(name)'s five most likely \
        next characters under it. The character that does come next is its first guess at \(top1) of \(length) places \
        (\(percent(Double(top1) / Double(max(length, 1))))) and among its five at \(inTop5) \
        (\(percent(Double(inTop5) / Double(max(length, 1))))).
        """)
    session.record("learned.passage.top1", .number(Double(top1) / Double(max(length, 1))))
    session.record("learned.passage.top5", .number(Double(inTop5) / Double(max(length, 1))))

    // 3. New words against copied ones, over a long sample.
    let longLength = knobs.longSample ?? LearnedSetup.longLength(quick: quick)
    let long = vocabulary.text(of: final.sample(prime: prime, count: longLength, temperature: τ, using: &longStream))
    let novelty = Novelty(words: splitWords(long), known: known)
    session.say(
        """
        A sample of \(grouped(longLength)) characters at τ = \(temperatureName(τ)) holds \(grouped(novelty.tokens)) \
        words (\(grouped(novelty.distinct)) distinct); \(grouped(novelty.newTokens)) of them \
        (\(percent(novelty.newFraction))) are not in the training text, the rest are copied from it. Of the \
        distinct words, \(percent(novelty.newDistinctFraction)) are new. By length (words with repeats):
        """)
    session.table(
        ["length", "words", "new", "new fraction"],
        zip(noveltyLengths, novelty.byLength).map { group, counts in
            [
                group.name, grouped(counts.tokens), grouped(counts.new),
                counts.tokens == 0 ? "—" : percent(Double(counts.new) / Double(counts.tokens)),
            ]
        })
    let examples = Array(Set(splitWords(long).filter { !known.contains($0) && $0.count >= 6 })).sorted().prefix(12)
    if !examples.isEmpty { session.say("Some new words of six letters or more: \(examples.joined(separator: ", ")).") }
    session.say(
        """
        Karpathy's model trained on 8,000 baby names made names of which about 90% were not in its list. Here \
        \(percent(novelty.newFraction)) of the words are new: a list of names asks for a new whole item at every \
        line, while running prose is mostly short common words the model has seen thousands of times, and the \
        new words are the long ones it assembles from parts.
        """)
    session.record("learned.novelty.newWords", .number(novelty.newFraction))
    session.record("learned.novelty.newDistinctWords", .number(novelty.newDistinctFraction))
    session.record("learned.novelty.words", .integer(novelty.tokens))
    for (group, counts) in zip(noveltyLengths, novelty.byLength) where counts.tokens > 0 {
        let key = "learned.novelty.newFraction.\(group.range.lowerBound)"
        session.record(key, .number(Double(counts.new) / Double(counts.tokens)))
    }

    // 4. Closing what it opens.
    var texts: [(name: String, counts: ClosingCounts, characters: Int)] = [
        ("training text", ClosingCounts(text: trainingText), trainingText.count),
        ("\(name) sample", ClosingCounts(text: long), long.count),
    ]
    if let vanilla = models.vanillaRun, let model = vanilla.model {
        let sample = vocabulary.text(
            of: model.sample(prime: prime, count: longLength, temperature: τ, using: &vanillaStream))
        texts.append(("vanilla sample", ClosingCounts(text: sample), sample.count))
    }
    session.say(
        """
        Whether what is opened gets closed: each text scanned once with a stack; an opener counts as closed when \
        its own closer comes first, wrongly closed when another bracket's closer meets it (`(` … `]`), unclosed \
        when its paragraph (a blank line outside code fences) or the math or fence around it ends first. Closed \
        / decided, per \(grouped(longLength)) characters of sample and over the whole training text:
        """)
    session.table(
        ["opened"] + texts.map { "\($0.name) (\(grouped($0.characters)) chars)" },
        Opener.allCases.map { kind in
            [kind.name]
                + texts.map { entry in
                    let c = entry.counts
                    guard let fraction = c.closedFraction(kind) else { return "— (none)" }
                    let wrong = c.wrong[kind.rawValue]
                    return "\(percent(fraction)) of \(grouped(c.decided(kind)))"
                        + (wrong > 0 ? ", \(grouped(wrong)) wrong" : "")
                }
        } + [["stray closers"] + texts.map { grouped($0.counts.strayClosers) }])
    for entry in texts {
        let source =
            entry.name.hasPrefix("training") ? "training" : entry.name.hasPrefix("vanilla") ? "vanilla" : "subject"
        for kind in Opener.allCases {
            if let fraction = entry.counts.closedFraction(kind) {
                session.record("learned.closing.\(source).\(kind.key)", .number(fraction))
            }
        }
    }
    let parentheses = texts.map { $0.counts.closedFraction(.parenthesis) }
    session.record(
        "learned.summary",
        .string("new words \(percent(novelty.newFraction))"),
        summary:
            "8.8 · \(name): \(percent(novelty.newFraction)) of sampled words new; parentheses closed "
            + zip(texts, parentheses).map { "\($0.0.name) \($0.1.map(percent) ?? "—")" }.joined(separator: ", "))
}

/// The mean loss per character of a snapshot on the held-out indices.
func validationLoss(_ model: CharacterPredictor, on indices: [Int]) -> Double {
    let distributions = model.distributions(reading: Array(indices.dropLast()))
    let total = zip(distributions, indices.dropFirst()).reduce(0.0) { $0 - Foundation.log(max($1.0[$1.1], 1e-300)) }
    return total / Double(max(indices.count - 1, 1))
}

/// "12.3%".
func percent(_ fraction: Double) -> String { formatted(100 * fraction, decimals: 1) + "%" }

/// The measures of the snapshots' samples against updates: two panels.
func writeProgressFigure(
    _ session: ChapterSession, rows: [(update: Int, measures: SampleMeasures)], reference: SampleMeasures,
    name: String
) throws {
    let xs = rows.map { Double($0.update) }
    // The snapshots double (0, 25, 50, …, 1,500): a log axis past the first, with 0 one doubling's
    // width to its left, spaces them evenly so the first hundred updates, where most happens, can
    // be read.
    let first = xs.first { $0 > 0 } ?? 1
    let xScale = Scale.symmetricLog10(linearBelow: first, linearDecades: log10(2.0))
    let xLabel = "update (log scale past \(Int(first)))"
    var fractions = LinePlot(
        title: "Spaces and real words", xLabel: xLabel, yLabel: "fraction of the sample",
        series: [
            LineSeries(
                name: "spaces (dashed: the text's share)", ys: rows.map(\.measures.spaces), xs: xs,
                colour: CellColours.vanilla, markers: true),
            LineSeries(
                name: "real words of 3–5 letters", ys: rows.map(\.measures.knownShort), xs: xs,
                colour: CellColours.lstm, markers: true),
            LineSeries(
                name: "real words of 6+ letters", ys: rows.map(\.measures.knownLong), xs: xs,
                colour: CellColours.mgu, markers: true),
        ])
    fractions.references = [.init(.horizontal(y: reference.spaces))]
    fractions.yRange = 0...1
    fractions.legend = .topLeft
    fractions.xScale = xScale
    var lengths = LinePlot(
        title: "Mean word length", xLabel: xLabel, yLabel: "letters per word",
        series: [
            LineSeries(
                name: "sampled words (dashed: the text's)", ys: rows.map(\.measures.meanWordLength), xs: xs,
                colour: CellColours.gru,
                markers: true)
        ])
    lengths.references = [
        .init(.horizontal(y: reference.meanWordLength))
    ]
    lengths.legend = .bottomRight
    lengths.xScale = xScale
    let grid = FigureGrid(
        title: "The \(name)'s samples as it trains (τ = 1, same prime and stream at every snapshot)", columns: 2,
        panels: [fractions, lengths])
    try session.writeFile("char-model-progress.png") { url in
        try grid.write(to: url, metadata: session.metadata(title: "Samples of the \(name) during training, measured"))
    }
}
