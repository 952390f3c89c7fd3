// Chapter 02 — Sigmoid neurons and gradient descent. Run with `swift run Chapter02`;
// the notes are README.md beside this file.

import ArgumentParser
import ChapterRunner
import NeuralCore

@main
struct SigmoidNeuronsChapter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Chapter02",
        abstract: "Sigmoid neurons, activation functions and their derivatives, and gradient descent.")

    @OptionGroup var options: ChapterOptions

    @OptionGroup(title: "2.4 Gradient descent") var knobs: DescentKnobs

    /// The sections in reading order, with rough run times and the draws each takes.
    static let plan = ChapterPlan([
        .section("2.1", "From the step to the sigmoid", seconds: 0.3, quick: 0.3, draws: 0),
        .section("2.2", "Derivatives and identities", seconds: 0.1, quick: 0.1, draws: 0),
        .section("2.3", "Small changes, small effects", seconds: 0.1, quick: 0.1),
        .section("2.4", "Gradient descent on the quadratic cost", seconds: 1, quick: 1),
        .section("2.5", "The computation graph of one neuron", seconds: 0.1, quick: 0.1, draws: 0),
    ])

    func run() throws {
        try ChapterSession.run(
            number: 2, title: "Sigmoid neurons and gradient descent", options: options, plan: Self.plan, knobs: knobs
        ) { session in
            session.step("2.1") { try activationFunctions(session) }
            session.step("2.2") { derivativeIdentities(session) }
            session.step("2.3") { smoothness(session) }
            session.step("2.4") { try gradientDescent(session, knobs: knobs) }
            session.step("2.5") { try computationGraph(session) }
        }
    }
}

/// The knobs of section 2.4, with the notes' values as defaults.
struct DescentKnobs: ChapterKnobs {
    // `.unconditional` reads "-1" as a value, so the reader can say what is wrong with it.
    @Option(
        name: .customLong("eta"), parsing: .unconditional,
        help: .knob(
            "Learning rates η compared in 2.4, separated by commas (each > 0; steps move (w, b) by −η∇C).",
            default: defaultLearningRates, valueName: "η,…"),
        transform: { try KnobValues.positiveList($0, option: "--eta", example: "0.5,5,100 or 100", most: 6) })
    var learningRates: [Double] = defaultLearningRates

    @Option(
        parsing: .unconditional,
        help: .knob(
            "Where every descent path starts: w,b.", default: [descentStart.w, descentStart.b], valueName: "w,b"),
        transform: { try DescentKnobs.start($0) })
    var start: [Double] = [descentStart.w, descentStart.b]

    var settings: [Setting] { [Setting("eta", learningRates), Setting("start", start)] }

    /// "w,b": two finite numbers, each within the surface drawn (|w|, |b| ≤ 4).
    static func start(_ text: String) throws -> [Double] {
        let values = text.split(separator: ",", omittingEmptySubsequences: false).compactMap {
            Double($0.trimmingCharacters(in: .whitespaces))
        }
        guard values.count == 2, values.allSatisfy({ $0.isFinite && abs($0) <= 4 }) else {
            throw KnobValues.invalid("--start takes two numbers w,b, each from −4 to 4, such as -2,0")
        }
        return values
    }
}
