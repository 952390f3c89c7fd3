// Section 7.8: reading in both directions — a bidirectional vanilla network (Eqs. 7.15–7.18) against
// a one-directional one of the same size, on a tagging task whose answer lies in the future.

import ChapterRunner
import Figures
import Foundation
import NeuralCore

/// The settings of 7.8: the knobs, and the quick run's smaller sizes.
struct BracketSettings: Sendable {
    var length: Int
    var hidden: Int
    var learningRate: Double
    var updates: Int
    var batch = 32
    var testStrings: Int

    init(knobs: BracketKnobs, quick: Bool) {
        length = knobs.length
        hidden = knobs.hidden
        learningRate = knobs.eta
        updates = knobs.updates ?? (quick ? BracketKnobs.quickUpdates : BracketKnobs.defaultUpdates)
        testStrings = quick ? 400 : 4_000
    }
}

/// One trained tagger's accuracy on the test strings, per position and overall.
struct TaggerAccuracy: Sendable {
    var perPosition: [Double]
    var overall: Double
    var finalLoss: Double
}

/// The initial weight scale of both taggers: small enough for tanh's linear range, large enough
/// that Adam does not start from a near-flat loss.
let bracketWeightScale = 0.3

/// 7.8 — train both taggers; print the equations, the gradient check, the accuracies and the bound.
func bidirectionalReading(_ session: ChapterSession, knobs: BracketKnobs = .defaults) throws {
    let settings = BracketSettings(knobs: knobs, quick: session.options.quick)
    let length = settings.length
    let hidden = settings.hidden
    let oneHidden = BracketTask.matchedHidden(bidirectional: hidden)
    session.say(
        """
        The networks so far read a sequence left to right, so the output at step t knows x₁ … xₜ and \
        nothing after. For tagging a whole sequence that is given at once, the future is there to be \
        read: a bidirectional network runs a second recurrent pass right to left, with its own weights, \
        and every output reads both hidden states:
        """)
    session.show("(7.15) h→ₜ = tanh(U→ xₜ + W→ h→ₜ₋₁ + b→),   t = 1 … T,   h→₀ = 0")
    session.show("(7.16) h←ₜ = tanh(U← xₜ + W← h←ₜ₊₁ + b←),   t = T … 1,   h←_{T+1} = 0")
    session.show("(7.17) oₜ = V→ h→ₜ + V← h←ₜ + c,   ŷₜ = softmax(oₜ)")
    session.say(
        """
        BPTT runs through both passes: the forward pass's recursion δ→ₜ = (V→ᵀ ∂L/∂oₜ + W→ᵀ δ→ₜ₊₁) ⊙ (1 − h→ₜ²) \
        goes from T down to 1 as in Eq. 7.5; h←ₜ feeds h←ₜ₋₁, so the backward pass's recursion goes the \
        other way, from 1 up to T — its gradient flows forward in time:
        """)
    session.show("(7.18) δ←ₜ = (V←ᵀ ∂L/∂oₜ + W←ᵀ δ←ₜ₋₁) ⊙ (1 − h←ₜ²),   t = 1 … T,   dW← = Σₜ δ←ₜ h←ₜ₊₁ᵀ")

    // The gradient check of Eq. 7.18: one small network, three ways.
    var generator = session.generator.fork()
    let check = bidirectionalGradientCheck(using: &generator)
    session.say(
        """
        BidirectionalModel (NeuralCore) writes this once for any recurrent cell. Checked on a small \
        network (2 symbols, 3 + 3 hidden units, a string of 6): the largest relative difference between \
        the hand-written backward pass and central differences is \(formatted(check.numeric, significant: 2)), \
        and against the reverse-mode tape, which differentiates the unrolled network one scalar at a \
        time with no gradient formula, \(formatted(check.tape, significant: 2)).
        """)
    session.record("bidirectional.gradientCheck.centralDifferences", .number(check.numeric))
    session.record("bidirectional.gradientCheck.tape", .number(check.tape))

    // The task.
    var data = session.generator.fork()
    var testData = session.generator.fork()
    let example = BracketTask.string(length: length, using: &testData)
    let exampleTags = BracketTask.tags(example)
    session.say(
        """
        A task where the answer lies ahead: a string of \(length) brackets, each "(" or ")" with \
        probability ½, and for every "(" the question "is it closed later?" (a ")" closes the nearest \
        open "(" before it; the tag of a ")" is not asked). For example, with 1 = closed and 0 = never closed:
        """)
    print("    " + BracketTask.text(example))
    print("    " + String(exampleTags.map { $0 < 0 ? " " : Character(String($0)) }))
    session.say(
        """
        The "(" at position t is closed exactly when the ±1 walk of the n = \(length) − t symbols after \
        it (+1 for "(", −1 for ")") reaches −1; by the ballot theorem the walks that never do number \
        C(n, ⌊n/2⌋), so
        """)
    session.show("(7.19) P(closed | \"(\" at t) = 1 − C(n, ⌊n/2⌋) / 2ⁿ,   n = T − t,   whatever came before")
    let bounds = (0..<length).map { BracketTask.pastOnlyBound(position: $0, length: length) }
    let meanBound = bounds.reduce(0, +) / Double(length)
    session.say(
        """
        The symbols before the "(" tell nothing about the tag, so a reader of x₁ … xₜ can do no better \
        than answer "closed" always: its accuracy at t is at most max(q, 1 − q) for q of Eq. 7.19, \
        \(percent(bounds[0], decimals: 1)) for the first position, falling to 50% at positions \(length - 2) \
        and \(length - 1) (and certain again at the last, where a "(" is never closed). A reader of \
        the whole string can be right every time.
        """)

    // Two taggers of (nearly) the same size.
    let bidirectionalCount = BracketTask.bidirectionalParameters(hidden: hidden)
    let oneCount = BracketTask.oneDirectionalParameters(hidden: oneHidden)
    session.show(
        "(7.20) one-directional: H² + 5H + 2 = \(oneCount) (H = \(oneHidden));   bidirectional: 2H² + 10H + 2 = \(bidirectionalCount) (H = \(hidden) each way)"
    )
    var oneDirectional = SequenceModel(
        cell: VanillaCell(inputSize: 2, hiddenSize: oneHidden, scale: bracketWeightScale, using: &generator),
        outputSize: 2, scale: bracketWeightScale, using: &generator)
    oneDirectional.normalization = .perTarget
    var bidirectional = BidirectionalModel(
        forwardCell: VanillaCell(inputSize: 2, hiddenSize: hidden, scale: bracketWeightScale, using: &generator),
        backwardCell: VanillaCell(inputSize: 2, hiddenSize: hidden, scale: bracketWeightScale, using: &generator),
        outputSize: 2, scale: bracketWeightScale, using: &generator)
    bidirectional.normalization = .perTarget
    precondition(oneDirectional.parameters.reduce(0) { $0 + $1.rows * $1.columns } == oneCount)
    precondition(bidirectional.parameterCount == bidirectionalCount)

    // Both read the same batches: fresh strings every update.
    var pair = TaggerPair(
        oneDirectional: oneDirectional, bidirectional: bidirectional, learningRate: settings.learningRate,
        batch: settings.batch, length: length)
    var oneLosses: [Double] = []
    var biLosses: [Double] = []
    var bar = ProgressBar(total: settings.updates, label: "two taggers")
    let start = ContinuousClock.now
    for update in 0..<settings.updates {
        let (one, bi) = pair.update(using: &data)
        oneLosses.append(one)
        biLosses.append(bi)
        bar.update(step: update + 1)
    }
    oneDirectional = pair.oneDirectional
    bidirectional = pair.bidirectional
    bar.finish()
    let seconds = ChapterRunner.seconds(since: start)
    guard oneLosses.last?.isFinite == true, biLosses.last?.isFinite == true else {
        throw ChapterError("a tagger diverged (its loss is not a number); lower --bracket-eta and run again")
    }

    // The test strings, the same for both.
    let (testInputs, testTargets, _) = BracketTask.batch(settings.testStrings, length: length, using: &testData)
    let oneAccuracy = taggerAccuracy(
        probabilities: {
            let f = oneDirectional.forward(testInputs); return (0..<length).map(f.probabilities(at:))
        }(),
        targets: testTargets)
    let biAccuracy = taggerAccuracy(
        probabilities: {
            let f = bidirectional.forward(testInputs); return (0..<length).map(f.probabilities(at:))
        }(),
        targets: testTargets)
    let tail = 20
    let oneLoss = oneLosses.suffix(tail).reduce(0, +) / Double(min(tail, oneLosses.count))
    let biLoss = biLosses.suffix(tail).reduce(0, +) / Double(min(tail, biLosses.count))
    session.say(
        """
        Both networks are vanilla cells (Eq. 7.1) with weights drawn at scale \(bracketWeightScale), trained \
        side by side on the same \(settings.updates) batches of \(settings.batch) fresh strings (Adam, \
        η = \(settings.learningRate.settingText), entries clipped to ±5, the mean −log ŷ over the tagged \
        "(" as loss; \(formatted(seconds, decimals: 1)) s on this machine). On \(grouped(settings.testStrings)) \
        new strings:
        """)
    let rows: [[String]] = [
        [
            "one-directional (H = \(oneHidden))", grouped(oneCount), formatted(oneLoss, decimals: 3),
            percent(oneAccuracy.overall, decimals: 1),
        ],
        [
            "bidirectional (H = \(hidden) + \(hidden))", grouped(bidirectionalCount), formatted(biLoss, decimals: 3),
            percent(biAccuracy.overall, decimals: 1),
        ],
        [
            "best reader of the past only (Eq. 7.19)", "—",
            formatted(BracketTask.pastOnlyLoss(length: length), decimals: 3),
            percent(meanBound, decimals: 1),
        ],
    ]
    session.table(["tagger", "parameters", "loss per tag (last 20 training batches)", "test accuracy"], rows)
    let oneGap = oneAccuracy.overall - meanBound
    let worst = (0..<length).min { biAccuracy.perPosition[$0] < biAccuracy.perPosition[$1] }!
    session.say(
        """
        The one-directional network \(abs(oneGap) < 0.01 ? "reaches the bound and stops there" : oneGap < 0 ? "stays \(formatted(-100 * oneGap, decimals: 1)) points under the bound" : "sits \(formatted(100 * oneGap, decimals: 1)) points over the bound, by the luck of the test strings") \
        (\(percent(oneAccuracy.overall, decimals: 1)) against \(percent(meanBound, decimals: 1))): no \
        amount of training lets it see what comes next. The bidirectional one, with \
        \(bidirectionalCount < oneCount ? "fewer" : "about as many") parameters, gets \
        \(percent(biAccuracy.overall, decimals: 2)); its weakest position is \(worst + 1) \
        (\(percent(biAccuracy.perPosition[worst], decimals: 1))), where the closing ")" may lie far ahead \
        and the backward pass must count the depth over many steps. Near the end the one-directional \
        network is at a coin toss and the bidirectional one only has to look one or two symbols ahead.
        """)
    session.record(
        "bidirectional.accuracy", .number(biAccuracy.overall),
        summary:
            "bracket tagging (T = \(length)): bidirectional \(percent(biAccuracy.overall, decimals: 1)), one-directional \(percent(oneAccuracy.overall, decimals: 1)), past-only bound \(percent(meanBound, decimals: 1))"
    )
    session.record("bidirectional.oneDirectionalAccuracy", .number(oneAccuracy.overall))
    session.record("bidirectional.pastOnlyBound", .number(meanBound))
    session.record("bidirectional.pastOnlyLoss", .number(BracketTask.pastOnlyLoss(length: length)))
    session.record("bidirectional.accuracyByPosition", .array(biAccuracy.perPosition.map { .number($0) }))
    session.record(
        "bidirectional.oneDirectionalAccuracyByPosition", .array(oneAccuracy.perPosition.map { .number($0) }))
    session.record("bidirectional.boundByPosition", .array(bounds.map { .number($0) }))
    session.record("bidirectional.parameters", .integer(bidirectionalCount))
    session.record("bidirectional.oneDirectionalParameters", .integer(oneCount))
    session.record("bidirectional.trainingLoss", .number(biLoss))
    session.record("bidirectional.oneDirectionalTrainingLoss", .number(oneLoss))
    session.configure("bidirectional.length", .integer(length))
    session.configure("bidirectional.hidden", .integer(hidden))
    session.configure("bidirectional.oneDirectionalHidden", .integer(oneHidden))
    session.configure("bidirectional.learningRate", .number(settings.learningRate))
    session.configure("bidirectional.updates", .integer(settings.updates))
    session.configure("bidirectional.batch", .integer(settings.batch))
    session.configure("bidirectional.testStrings", .integer(settings.testStrings))

    try session.writeFile("bidirectional-accuracy.png") { url in
        let positions = (1...length).map(Double.init)
        var plot = LinePlot(
            title: "Is this \"(\" closed later? Test accuracy by position (strings of \(length))",
            xLabel: "position t of the \"(\" in the string", yLabel: "accuracy on the \"(\" at t",
            series: [
                LineSeries(
                    name: "bidirectional, H = \(hidden) + \(hidden) (\(bidirectionalCount) parameters)",
                    ys: biAccuracy.perPosition, xs: positions, colour: Colour(hex: 0xD55E00), markers: true),
                LineSeries(
                    name: "one-directional, H = \(oneHidden) (\(oneCount) parameters)", ys: oneAccuracy.perPosition,
                    xs: positions, colour: Colour(hex: 0x0072B2), markers: true),
                LineSeries(
                    name: "best any reader of the past can do (Eq. 7.19)", ys: bounds, xs: positions,
                    colour: Colour(hex: 0x444444), dashed: true),
            ])
        plot.yRange = 0.4...1.02
        plot.xRange = 1...Double(length)
        plot.legend = .bottomLeft
        try plot.write(to: url, metadata: session.metadata(title: "Bidirectional accuracy"))
    }
}

/// The two taggers of 7.8 and their optimizers, trained side by side on the same batches.
struct TaggerPair {
    var oneDirectional: SequenceModel<VanillaCell>
    var bidirectional: BidirectionalModel<VanillaCell>
    var oneOptimizer: Adam
    var biOptimizer: Adam
    let batch: Int
    let length: Int

    init(
        oneDirectional: SequenceModel<VanillaCell>, bidirectional: BidirectionalModel<VanillaCell>,
        learningRate: Double, batch: Int, length: Int
    ) {
        self.oneDirectional = oneDirectional
        self.bidirectional = bidirectional
        oneOptimizer = Adam(learningRate: learningRate)
        biOptimizer = Adam(learningRate: learningRate)
        self.batch = batch
        self.length = length
    }

    /// One update: a batch of fresh strings from `data`; for each tagger the loss and gradients of
    /// that batch, every entry clipped to ±5, one Adam step. Returns both losses before the step.
    mutating func update(using data: inout SeededGenerator) -> (one: Double, bi: Double) {
        let (inputs, targets, _) = BracketTask.batch(batch, length: length, using: &data)
        var one = oneDirectional.lossAndGradients(inputs: inputs, targets: targets)
        GradientClipping.value(5).apply(to: &one.gradients)
        oneOptimizer.step(&oneDirectional.parameters, gradients: one.gradients)
        var bi = bidirectional.lossAndGradients(inputs: inputs, targets: targets)
        GradientClipping.value(5).apply(to: &bi.gradients)
        biOptimizer.step(&bidirectional.parameters, gradients: bi.gradients)
        return (one.loss, bi.loss)
    }
}

/// The accuracy of a tagger from its ŷₜ on the test strings, per position and over all tagged "(".
func taggerAccuracy(probabilities: [Matrix], targets: [[Int]]) -> TaggerAccuracy {
    var correct = [Int](repeating: 0, count: targets.count)
    var counted = [Int](repeating: 0, count: targets.count)
    BracketTask.tally(probabilities: probabilities, targets: targets, correct: &correct, counted: &counted)
    let perPosition = zip(correct, counted).map { $1 == 0 ? 0 : Double($0) / Double($1) }
    let overall = Double(correct.reduce(0, +)) / Double(max(1, counted.reduce(0, +)))
    return TaggerAccuracy(perPosition: perPosition, overall: overall, finalLoss: 0)
}

/// The largest relative differences of Eq. 7.18's gradients from central differences and from the
/// tape, on a small bidirectional network (2 symbols, 3 + 3 hidden units, one string of 6).
func bidirectionalGradientCheck(using generator: inout SeededGenerator) -> (numeric: Double, tape: Double) {
    let model = BidirectionalModel(
        forwardCell: VanillaCell(inputSize: 2, hiddenSize: 3, scale: 0.5, using: &generator),
        backwardCell: VanillaCell(inputSize: 2, hiddenSize: 3, scale: 0.5, using: &generator),
        outputSize: 2, scale: 0.5, using: &generator)
    let symbols = BracketTask.string(length: 6, using: &generator)
    let tags = BracketTask.tags(symbols).map { $0 < 0 ? 0 : $0 }
    let inputs = symbols.map { StepInput.oneHot([$0]) }
    let targets = tags.map { [$0] }
    let (_, analytic) = model.lossAndGradients(inputs: inputs, targets: targets)
    var numericWorst = 0.0
    for index in model.parameters.indices {
        let numeric = GradientCheck.numericGradient(
            of: { value in
                var probe = model
                probe.parameters[index] = value
                return probe.loss(probe.forward(inputs), targets: targets)
            }, at: model.parameters[index])
        numericWorst = max(
            numericWorst,
            GradientCheck.compare(analytic: analytic[index], numeric: numeric, floor: 1e-3).maxRelativeError)
    }
    let tape = TapeBidirectionalNetwork(model)
    tape.loss(inputs: symbols, targets: tags).backward()
    let tapeWorst =
        zip(analytic, tape.gradients).map {
            GradientCheck.compare(analytic: $0, numeric: $1, floor: 1e-12).maxRelativeError
        }
        .max() ?? 0
    return (numericWorst, tapeWorst)
}
