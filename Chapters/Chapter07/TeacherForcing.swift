// Section 7.9: teacher forcing. Every training window of 7.4 feeds the true previous character; at
// generation the model reads its own outputs instead. Measured here: the trained character model
// k steps ahead, fed the text or fed its own greedy guesses.

import ChapterRunner
import Figures
import Foundation
import NeuralCore

/// The per-step accuracy and loss of a model k = 1 … K steps ahead of each start, fed the text
/// (teacher forcing) or fed its own greedy predictions (Eq. 7.21).
struct ForcingCurves: Sendable, Equatable {
    /// Fraction of starts whose argmax at step k is the text's character, fed the text.
    var forcedAccuracy: [Double]
    /// The same, fed the model's own argmax at every step after the first.
    var selfFedAccuracy: [Double]
    /// Mean −log ŷ[the text's character] at step k, fed the text.
    var forcedLoss: [Double]
    /// The same, fed the model's own argmax.
    var selfFedLoss: [Double]
}

enum TeacherForcing {
    /// For each start s: the model reads text[s − context ..< s] from h₀ = 0; then for k = 1 … horizon
    /// it predicts text[s + k − 1]. Fed the text, the input of step k is text[s + k − 2] (the text
    /// itself); fed itself, it is the argmax of step k − 1 (so k = 1 is the same in both). All starts
    /// run side by side as one batch.
    static func measure<Cell: RecurrentCell>(
        _ model: SequenceModel<Cell>, text: [Int], starts: [Int], context: Int, horizon: Int
    ) -> ForcingCurves {
        precondition(context >= 1 && horizon >= 1 && !starts.isEmpty, "TeacherForcing.measure: empty run")
        precondition(
            starts.allSatisfy { $0 - context >= 0 && $0 + horizon <= text.count },
            "TeacherForcing.measure: a start lies too close to an end of the text")
        let count = Double(starts.count)
        // The context, read once: its last output predicts step 1 in both ways of feeding.
        let warm = (0..<context).map { i in StepInput.oneHot(starts.map { text[$0 - context + i] }) }
        let read = model.forward(warm)
        var forcedState = read.finalState
        var selfState = read.finalState
        var forcedProbabilities = read.probabilities(at: context - 1)
        var selfProbabilities = forcedProbabilities
        var curves = ForcingCurves(forcedAccuracy: [], selfFedAccuracy: [], forcedLoss: [], selfFedLoss: [])
        for k in 1...horizon {
            let truth = starts.map { text[$0 + k - 1] }
            let (forcedRight, forcedLoss) = score(forcedProbabilities, truth: truth)
            let (selfRight, selfLoss) = score(selfProbabilities, truth: truth)
            curves.forcedAccuracy.append(Double(forcedRight) / count)
            curves.selfFedAccuracy.append(Double(selfRight) / count)
            curves.forcedLoss.append(forcedLoss / count)
            curves.selfFedLoss.append(selfLoss / count)
            guard k < horizon else { break }
            // Teacher forcing: the text's character goes in. Self-feeding: the model's own guess.
            let forcedStep = model.forward([.oneHot(truth)], initialState: forcedState)
            forcedState = forcedStep.finalState
            forcedProbabilities = forcedStep.probabilities(at: 0)
            let guesses = argmaxColumns(selfProbabilities)
            let selfStep = model.forward([.oneHot(guesses)], initialState: selfState)
            selfState = selfStep.finalState
            selfProbabilities = selfStep.probabilities(at: 0)
        }
        return curves
    }

    /// How many columns' argmax is the true index, and Σ −log p[truth].
    static func score(_ probabilities: Matrix, truth: [Int]) -> (right: Int, loss: Double) {
        let guesses = argmaxColumns(probabilities)
        var right = 0
        var loss = 0.0
        for (b, y) in truth.enumerated() {
            if guesses[b] == y { right += 1 }
            loss -= log(max(probabilities[y, b], Double.leastNormalMagnitude))
        }
        return (right, loss)
    }

    /// The index of the largest entry of every column (the first, on ties).
    static func argmaxColumns(_ m: Matrix) -> [Int] {
        (0..<m.columns).map { b in
            var best = 0
            for k in 1..<m.rows where m[k, b] > m[best, b] { best = k }
            return best
        }
    }
}

/// 7.9 — the trained character model, fed the text or fed itself, k steps ahead.
func teacherForcing(_ session: ChapterSession, model trained: CharacterModel, knobs: ForcingKnobs = .defaults) throws {
    let context = 50
    let horizon = knobs.horizon
    let text = trained.indices
    let startCount = session.options.quick ? min(knobs.starts, 200) : knobs.starts
    var generator = session.generator.fork()
    guard text.count > context + horizon + 1 else {
        session.say(
            "The text has \(text.count) characters, too few for \(context) of context and \(horizon) steps ahead: the section stops here."
        )
        return
    }
    let starts = (0..<startCount).map { _ in context + generator.integer(below: text.count - context - horizon + 1) }
    session.say(
        """
        Every training window of 7.4 feeds the network the true previous character at every step, \
        whatever it predicted there: hₜ is computed from the text's xₜ₋₁, never from the network's own \
        guess. That is teacher forcing (Williams & Zipser 1989), and it is what makes training a matter \
        of independent per-step losses. Generation cannot do it: each sampled character goes back in as \
        the next input. The two conditionings differ:
        """)
    session.show(
        "(7.21) trained on  P(xₜ | x₁ … xₜ₋₁)   (the text),     generating from  P(xₜ | x₁ … x_s, x̂_{s+1} … x̂ₜ₋₁)   (its own outputs)"
    )
    let curves = TeacherForcing.measure(
        trained.model, text: text, starts: starts, context: context, horizon: horizon)
    session.say(
        """
        The model never saw its own mistakes as inputs in training (the mismatch of Bengio et al. \
        2015, named exposure bias by Ranzato et al. 2016). \
        Measured: at \(grouped(startCount)) random places of the text the model reads \(context) true \
        characters, then predicts the next \(horizon), k = 1 … \(horizon) steps ahead, once fed the \
        text at every step (teacher forcing) and once fed its own most likely character (greedy, as \
        generation at τ → 0 does). Accuracy is how often its most likely character is the text's:
        """)
    let shown = [1, 2, 3, 5, 10, 20, 30, 50, 100].filter { $0 <= horizon }
    session.table(
        [
            "steps ahead k", "accuracy, fed the text", "accuracy, fed itself", "loss (nats), fed the text",
            "loss, fed itself",
        ],
        shown.map { k in
            [
                "\(k)", percent(curves.forcedAccuracy[k - 1], decimals: 1),
                percent(curves.selfFedAccuracy[k - 1], decimals: 1), formatted(curves.forcedLoss[k - 1], decimals: 2),
                formatted(curves.selfFedLoss[k - 1], decimals: 2),
            ]
        })
    let forcedMean = curves.forcedAccuracy.reduce(0, +) / Double(horizon)
    let selfMean = curves.selfFedAccuracy.reduce(0, +) / Double(horizon)
    let last = horizon - 1
    session.say(
        """
        At k = 1 the two are the same prediction. Fed the text, the accuracy stays near \
        \(percent(forcedMean, decimals: 0)) at every k: each step starts again from the truth. Fed \
        itself, one wrong character changes every later input\(curves.selfFedAccuracy[last] < curves.forcedAccuracy[last] ? ", and the errors compound" : ""): \
        \(percent(curves.selfFedAccuracy[last], decimals: 1)) at k = \(horizon) against \
        \(percent(curves.forcedAccuracy[last], decimals: 1)), and the true character's loss rises to \
        \(formatted(curves.selfFedLoss[last], decimals: 2)) nats against \(formatted(curves.forcedLoss[last], decimals: 2)). \
        Part of that gap any model would show, since text is not predictable 30 characters ahead; \
        the part that matters for training is that the self-fed inputs are a distribution the network \
        was never trained on. Scheduled sampling (Bengio et al. 2015) feeds the model its own \
        outputs more and more often during training, to close that gap.
        """)
    session.record(
        "teacherForcing.selfFedAccuracy", .array(curves.selfFedAccuracy.map { .number($0) }),
        summary:
            "\(horizon) steps ahead: \(percent(curves.forcedAccuracy[last], decimals: 1)) fed the text, \(percent(curves.selfFedAccuracy[last], decimals: 1)) fed its own guesses"
    )
    session.record("teacherForcing.forcedAccuracy", .array(curves.forcedAccuracy.map { .number($0) }))
    session.record("teacherForcing.selfFedLoss", .array(curves.selfFedLoss.map { .number($0) }))
    session.record("teacherForcing.forcedLoss", .array(curves.forcedLoss.map { .number($0) }))
    session.record("teacherForcing.meanForcedAccuracy", .number(forcedMean))
    session.record("teacherForcing.meanSelfFedAccuracy", .number(selfMean))
    session.configure("teacherForcing.horizon", .integer(horizon))
    session.configure("teacherForcing.starts", .integer(startCount))
    session.configure("teacherForcing.context", .integer(context))

    try session.writeFile("teacher-forcing.png") { url in
        let ks = (1...horizon).map(Double.init)
        func panel(_ title: String, yLabel: String, forced: [Double], fed: [Double], legend: LegendPlacement)
            -> LinePlot
        {
            var plot = LinePlot(
                title: title, xLabel: "steps ahead k", yLabel: yLabel,
                series: [
                    LineSeries(
                        name: "fed the text (teacher forcing)", ys: forced, xs: ks, colour: Colour(hex: 0x0072B2),
                        markers: horizon <= 40),
                    LineSeries(
                        name: "fed its own greedy guesses", ys: fed, xs: ks, colour: Colour(hex: 0xD55E00),
                        markers: horizon <= 40),
                ])
            plot.xRange = 1...Double(max(horizon, 2))
            plot.legend = legend
            return plot
        }
        var accuracy = panel(
            "Accuracy of the most likely next character", yLabel: "accuracy",
            forced: curves.forcedAccuracy, fed: curves.selfFedAccuracy, legend: .topRight)
        accuracy.yRange = 0...1
        var loss = panel(
            "Loss of the text's character", yLabel: "−log ŷ[text's character] (nats)",
            forced: curves.forcedLoss, fed: curves.selfFedLoss, legend: .hidden)
        loss.yRange = 0...((max(curves.selfFedLoss.max() ?? 1, curves.forcedLoss.max() ?? 1) * 1.1).rounded(.up))
        let grid = FigureGrid(
            title:
                "The character model k steps ahead of \(grouped(startCount)) places in the text, after \(context) true characters",
            columns: 2, panels: [accuracy, loss], panelWidth: 440, panelHeight: 360)
        try grid.write(to: url, metadata: session.metadata(title: "Teacher forcing"))
    }
}
