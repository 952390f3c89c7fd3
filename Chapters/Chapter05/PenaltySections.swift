// Section 5.2 of Chapter 05: L2 and L1 weight penalties, their update rules on a printed
// example, and L2 against the overfitting of section 5.1.

import ChapterRunner
import NeuralCore

/// 5.2 — the update rules (Eq. 5.1–5.4) on a small example, then L2 on the small training set.
func weightPenalties(
    _ session: ChapterSession, data: ChapterData, baseline: (run: TrainingRun, generator: SeededGenerator),
    knobs: SmallSetKnobs
) throws {
    let (unregularized, start) = baseline
    let example = PenaltyExample()
    session.say(
        """
        A penalty on large weights is added to the cost C₀: L2, C = C₀ + (λ/2n)Σw² (Eq. 5.1), or L1, \
        C = C₀ + (λ/n)Σ|w| (Eq. 5.3). Its gradient, (λ/n)w or (λ/n)sgn(w), is added to ∂C₀/∂w, so one SGD \
        step becomes w → (1 − ηλ/n)w − η∂C₀/∂w (Eq. 5.2, weight decay) or w → w − (ηλ/n)sgn(w) − η∂C₀/∂w \
        (Eq. 5.4). Checked on a [2, 2, 1] network, a mini-batch of two examples, n = \(example.trainingCount), \
        η = \(example.learningRate), λ = \(example.lambda):
        """)
    let gradients = example.unpenalisedGradients
    let w = example.network.denseLayers[0].weights
    let l2 = example.sgdStep(.l2(lambda: example.lambda))
    let l1 = example.sgdStep(.l1(lambda: example.lambda))
    let l2Gap = largestDifference(l2, example.l2Rule())
    let l1Gap = largestDifference(l1, example.l1Rule())
    func row(_ m: Matrix) -> String { m.elements.map { formatted($0, decimals: 6) }.joined(separator: ", ") }
    session.show("w¹ before            = [\(row(w))]")
    session.show("∂C₀/∂w¹              = [\(row(gradients[0]))]")
    session.show("L2: SGD + (λ/n)w     = [\(row(l2[0]))]")
    session.show(
        "L2: Eq. 5.2 by hand  = [\(row(example.l2Rule()[0]))]   largest difference \(formatted(l2Gap, significant: 2))")
    session.show("L1: SGD + (λ/n)sgn w = [\(row(l1[0]))]")
    session.show(
        "L1: Eq. 5.4 by hand  = [\(row(example.l1Rule()[0]))]   largest difference \(formatted(l1Gap, significant: 2))")
    let penaltyL2 = Regularization.l2(lambda: example.lambda).penalty(
        example.network, trainingCount: example.trainingCount)
    let penaltyL1 = Regularization.l1(lambda: example.lambda).penalty(
        example.network, trainingCount: example.trainingCount)
    session.show(
        "penalties: L2 (Eq. 5.1) = \(formatted(penaltyL2, decimals: 6)), L1 (Eq. 5.3) = \(formatted(penaltyL1, decimals: 6))"
    )
    session.say(
        """
        L2 shrinks each weight by the same factor 1 − ηλ/n = \(formatted(1 - example.learningRate * example.lambda / Double(example.trainingCount), decimals: 3)), \
        so large weights lose the most; L1 subtracts the same amount ηλ/n = \(formatted(example.learningRate * example.lambda / Double(example.trainingCount), decimals: 3)) \
        from every weight's magnitude, so small weights are driven to zero and large ones survive.
        """)
    session.record("penalty.l2RuleDifference", .number(l2Gap))
    session.record(
        "penalty.l1RuleDifference", .number(l1Gap),
        summary:
            "5.2 · SGD with the penalty gradient matches Eq. 5.2 within \(formatted(l2Gap, significant: 2)) and Eq. 5.4 within \(formatted(l1Gap, significant: 2))"
    )

    let lambda = knobs.lambda
    let penalty = knobs.penalty.name
    let epochs = unregularized.records.count
    session.say(
        """
        Now the experiment of 5.1 again, same seed for the initial weights and the shuffles, with \(penalty) \
        and λ = \(lambda) (n = \(data.small.count)):
        """)
    var generator = start
    let options = TrainingOptions(
        epochs: epochs, batchSize: knobs.batchSize, cost: CrossEntropyCost(),
        regularization: knobs.penalty.regularization(lambda: lambda), monitorTraining: true)
    let run = try TrainingRun.make(
        label: penalty, sizes: knobs.sizes, initialization: .standardNormal, data: data.small,
        options: options, optimizer: SGD(learningRate: knobs.eta),
        evaluation: [("test", data.test)], generator: &generator)
    let plainBest = unregularized.best("test")
    let l2Best = run.best("test")
    session.table(
        ["run", "training accuracy", "final test accuracy", "best test accuracy (epoch)", "final test cost"],
        [("none", unregularized), ("\(penalty), λ = \(lambda)", run)].map { name, r in
            let best = r.best("test")
            return [
                name, percent(r.records.last?.trainingAccuracy ?? .nan), percent(r.final("test")),
                "\(percent(best.accuracy)) (\(best.epoch))", formatted(r.costs("test").last ?? .nan, decimals: 4),
            ]
        })
    let gain = run.final("test") - unregularized.final("test")
    session.say(
        """
        With \(penalty) the final test accuracy is \(percent(run.final("test"))) against \(percent(unregularized.final("test"))) \
        without (\(gain >= 0 ? "+" : "")\(formatted(100 * gain, decimals: 2)) points; Nielsen reports about 87% \
        against 82%\(knobs.penalty == .l2 ? "" : " with L2")\(data.isMNIST ? "" : " for MNIST digits, not for Fashion-MNIST")). \
        \(gain > 0 ? "The penalty keeps the weights small, so the network cannot fit every pixel of every training image with large, finely tuned weights." : "In this run the penalty did not help the final test accuracy.")
        """)
    session.record(
        "l2Small.testAccuracy", .finite(run.final("test")),
        summary:
            "5.2 · \(penalty) (λ = \(lambda)) on \(data.small.count) images: test \(percent(run.final("test"))) vs \(percent(unregularized.final("test"))) without"
    )
    session.record("l2Small.bestTestAccuracy", .finite(l2Best.accuracy))
    session.record("l2Small.unregularizedBest", .finite(plainBest.accuracy))
    try session.writeFile("l2-test-accuracy.png") { url in
        try ChapterFigures.comparison(
            [
                ("no regularization", unregularized, ChapterFigures.unregularized),
                ("\(penalty), λ = \(lambda)", run, ChapterFigures.l2),
            ], measure: "test",
            title:
                "With and without \(penalty), trained on \(data.small.count) images, tested on \(grouped(data.test.count))",
            to: url,
            metadata: session.metadata(title: "Test accuracy with and without \(penalty)"))
    }
}
