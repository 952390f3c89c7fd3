// Section 5.10 of Chapter 05: several networks, identical but for their initial weights and
// shuffles, trained one after another and combined by averaging their outputs (Eq. 5.26) and by
// a majority vote (Eq. 5.27), against the best of them alone.

import ChapterRunner
import Figures
import Foundation
import NeuralCore

/// The ensemble's members: 5.3's [784, 100, 10] with a softmax output, L2 and N(0, 1/n_in).
enum EnsembleSetup {
    static let sizes = [784, 100, 10]
    static let members = 5
    static let epochs = 6
    static let quickEpochs = 1
    static let learningRate = 0.1
    static let lambda = 5.0
    static let batchSize = 10
}

/// What 5.10 measured: every member's and the ensembles' answers on the test set.
struct EnsembleResult {
    /// Each member's output activations on the test set (10 × test images).
    var outputs: [Matrix]
    var labels: [Int]
    var memberPredictions: [[Int]]
    var memberAccuracies: [Double]
    /// Accuracy of the first k members averaged (Eq. 5.26) and voting (Eq. 5.27), k = 1 … K.
    var averageBySize: [Double]
    var voteBySize: [Double]
    var seconds: [Double]

    init(outputs: [Matrix], labels: [Int], seconds: [Double]) {
        self.outputs = outputs
        self.labels = labels
        self.seconds = seconds
        memberPredictions = outputs.map { $0.argmaxPerColumn() }
        memberAccuracies = memberPredictions.map { Ensemble.accuracy($0, labels: labels) }
        averageBySize = (1...outputs.count).map {
            Ensemble.accuracy(Ensemble.averagePredictions(Array(outputs.prefix($0))), labels: labels)
        }
        voteBySize = (1...outputs.count).map {
            Ensemble.accuracy(Ensemble.votePredictions(Array(outputs.prefix($0))), labels: labels)
        }
    }

    /// The member with the highest test accuracy (the first of equals).
    var best: Int { memberAccuracies.indices.max { memberAccuracies[$0] < memberAccuracies[$1] } ?? 0 }
}

extension EnsembleResult {
    /// Trains `members` networks on `training`, each from its own fork of `start`, and measures
    /// them on `test`.
    static func train(
        members: Int, epochs: Int, training: LabeledData, test testData: LabeledData, start: SeededGenerator
    ) throws -> EnsembleResult {
        var forks = start
        var outputs: [Matrix] = []
        var seconds: [Double] = []
        let test = testData.inputs(Array(0..<testData.count))
        for member in 1...members {
            var generator = forks.fork()
            let options = TrainingOptions(
                epochs: epochs, batchSize: EnsembleSetup.batchSize, cost: LogLikelihoodCost(),
                regularization: .l2(lambda: EnsembleSetup.lambda))
            let run = try TrainingRun.make(
                label: "member \(member)", sizes: EnsembleSetup.sizes, output: .softmax,
                initialization: .scaledNormal, data: training, options: options,
                optimizer: SGD(learningRate: EnsembleSetup.learningRate), evaluation: [], generator: &generator)
            outputs.append(run.network.feedforward(test))
            seconds.append(run.seconds)
        }
        return EnsembleResult(outputs: outputs, labels: testData.labels, seconds: seconds)
    }
}

/// 5.10 — K independently initialized networks, alone and together.
func ensembles(_ session: ChapterSession, data: ChapterData, knobs: EnsembleKnobs) throws {
    let members = knobs.members
    let epochs = session.options.quick ? EnsembleSetup.quickEpochs : knobs.epochs
    session.say(
        """
        \(members) networks \(EnsembleSetup.sizes), sigmoid hidden units, a softmax output and the \
        log-likelihood cost, weights N(0, 1/n_in), L2 with λ = \(EnsembleSetup.lambda.settingText), \
        η = \(EnsembleSetup.learningRate), mini-batches of \(EnsembleSetup.batchSize), \(plural(epochs, "epoch")) \
        each on \(grouped(data.training.count)) images. They differ only in their initial weights and \
        shuffles: each draws from its own fork of the generator. Then their answers on the \
        \(grouped(data.test.count)) test images are combined in two ways: by averaging the ten output \
        activations over the members and taking the largest (Eq. 5.26), and by a majority vote of the \
        members' answers, a tie going to the tied class with the largest averaged output (Eq. 5.27).
        """)
    let result = try EnsembleResult.train(
        members: members, epochs: epochs, training: data.training, test: data.test, start: session.generator.fork())
    let average = Ensemble.averagePredictions(result.outputs)
    let vote = Ensemble.votePredictions(result.outputs)
    let averageAccuracy = Ensemble.accuracy(average, labels: result.labels)
    let voteAccuracy = Ensemble.accuracy(vote, labels: result.labels)
    let best = result.best
    let bestAccuracy = result.memberAccuracies[best]
    let (averageOnly, bestOnly) = Ensemble.disagreements(
        average, result.memberPredictions[best], labels: result.labels)
    let (voteOnly, bestOnlyVote) = Ensemble.disagreements(vote, result.memberPredictions[best], labels: result.labels)
    let ties = Ensemble.votes(result.outputs).filter { votes in
        let most = votes.max()!
        return votes.filter { $0 == most }.count > 1
    }.count
    session.table(
        ["network", "test accuracy", "errors"],
        result.memberAccuracies.enumerated().map { index, accuracy in
            [
                "member \(index + 1)\(index == best ? " (best)" : "")", percent(accuracy),
                grouped(Int((1 - accuracy) * Double(result.labels.count) + 0.5)),
            ]
        } + [
            ["average of \(members) (Eq. 5.26)", percent(averageAccuracy), errorCount(averageAccuracy, result)],
            ["vote of \(members) (Eq. 5.27)", percent(voteAccuracy), errorCount(voteAccuracy, result)],
        ])
    let mean = result.memberAccuracies.reduce(0, +) / Double(members)
    session.say(
        """
        The members reach \(percent(result.memberAccuracies.min()!)) to \(percent(bestAccuracy)) \
        (mean \(percent(mean))); the best alone is member \(best + 1). Averaged, the \(members) reach \
        \(percent(averageAccuracy)) (\(signedPoints(averageAccuracy - bestAccuracy)) against the best \
        member); voting, \(percent(voteAccuracy)) (\(signedPoints(voteAccuracy - bestAccuracy))). \
        The average gets \(averageOnly) test images right that the best member gets wrong, and \
        \(bestOnly) wrong that it gets right; for the vote the counts are \(voteOnly) and \(bestOnlyVote). \
        \(ties) of the \(grouped(result.labels.count)) images had a tied vote. The "best" member was picked \
        by its accuracy on the very images it is scored on, which flatters it; no member can be picked \
        that way in practice. \(nielsenEnsemble(data, mean: mean))
        """)
    session.table(
        ["members K", "average (Eq. 5.26)", "vote (Eq. 5.27)"],
        (0..<members).map { k in ["\(k + 1)", percent(result.averageBySize[k]), percent(result.voteBySize[k])] })
    session.show(
        "Each member trained in \(result.seconds.map { formatted($0, decimals: 2) }.joined(separator: ", ")) s (this machine)."
    )
    session.record(
        "ensemble.memberAccuracies", .array(result.memberAccuracies.map { .finite($0) }),
        summary:
            "5.10 · \(members) members: best alone \(percent(bestAccuracy)), averaged \(percent(averageAccuracy)), voting \(percent(voteAccuracy))"
    )
    session.record("ensemble.bestMember", .integer(best + 1))
    session.record("ensemble.averageAccuracy", .finite(averageAccuracy))
    session.record("ensemble.voteAccuracy", .finite(voteAccuracy))
    session.record("ensemble.averageBySize", .array(result.averageBySize.map { .finite($0) }))
    session.record("ensemble.voteBySize", .array(result.voteBySize.map { .finite($0) }))
    session.record("ensemble.averageRightBestWrong", .integer(averageOnly))
    session.record("ensemble.bestRightAverageWrong", .integer(bestOnly))
    session.record("ensemble.voteRightBestWrong", .integer(voteOnly))
    session.record("ensemble.bestRightVoteWrong", .integer(bestOnlyVote))
    session.record("ensemble.tiedVotes", .integer(ties))
    session.configure("ensemble.epochs", .integer(epochs))
    try session.writeFile("ensemble-accuracy.png") { url in
        try ensembleFigure(
            result, epochs: epochs, to: url,
            metadata: session.metadata(title: "An ensemble of networks against its members"))
    }
}

/// "12" errors of an accuracy on the test set.
private func errorCount(_ accuracy: Double, _ result: EnsembleResult) -> String {
    grouped(Int((1 - accuracy) * Double(result.labels.count) + 0.5))
}

/// "+0.42 points" / "−0.10 points".
private func signedPoints(_ difference: Double) -> String {
    "\(difference >= 0 ? "+" : "−")\(formatted(100 * abs(difference), decimals: 2)) points"
}

/// What Nielsen's 99.67% is, and why this ensemble is not that one.
private func nielsenEnsemble(_ data: ChapterData, mean: Double) -> String {
    data.isMNIST
        ? "Nielsen (ch. 6) reports 99.67% for five convolutional networks voting, each near 99.6% alone: what is comparable here is the gain of the ensemble over its members, not the level, since these dense members average \(percent(mean)). Chapter 06 trains the convolutional networks."
        : "(Nielsen's 99.67% for five convolutional networks, ch. 6, is an MNIST number, not one for Fashion-MNIST.)"
}

/// Each member's test accuracy as a dot at its index, and the ensemble of the first K members
/// (averaged and voting) as lines against K.
private func ensembleFigure(
    _ result: EnsembleResult, epochs: Int, to url: URL, metadata: [(String, String)]
) throws {
    let sizes = result.outputs.indices.map { Double($0 + 1) }
    let percentages = { (values: [Double]) in values.map { 100 * $0 } }
    var plot = LinePlot(
        title:
            "\(result.outputs.count) networks \(EnsembleSetup.sizes), \(plural(epochs, "epoch")) each: alone and together",
        xLabel: "member k (dots) · first K members combined (lines)", yLabel: "test accuracy (%)",
        series: [
            LineSeries(
                name: "member k alone", ys: percentages(result.memberAccuracies), xs: sizes,
                colour: ChapterFigures.marker, markers: true),
            LineSeries(
                name: "average of the first K (Eq. 5.26)", ys: percentages(result.averageBySize), xs: sizes,
                colour: ChapterFigures.l2, markers: true),
            LineSeries(
                name: "vote of the first K (Eq. 5.27)", ys: percentages(result.voteBySize), xs: sizes,
                colour: ChapterFigures.dropout, dashed: true, markers: true),
        ])
    // Dots only for the members: their accuracies are separate networks, not a curve.
    plot.series[0] = LineSeries(
        name: "member k alone", points: [], colour: ChapterFigures.marker, markers: true)
    plot.marks = result.memberAccuracies.enumerated().map { index, accuracy in
        PointMark(x: Double(index + 1), y: 100 * accuracy, label: "", colour: ChapterFigures.marker)
    }
    let all = percentages(result.memberAccuracies + result.averageBySize + result.voteBySize)
    let low = (all.min()! * 10).rounded(.down) / 10
    let high = (all.max()! * 10).rounded(.up) / 10
    let pad = max(0.1, (high - low) * 0.15)
    plot.yRange = (low - pad)...(high + pad)
    plot.xRange = 0.5...(Double(result.outputs.count) + 0.5)
    plot.xWholeNumbers = true
    plot.legend = .automatic
    try plot.write(to: url, metadata: metadata)
}
