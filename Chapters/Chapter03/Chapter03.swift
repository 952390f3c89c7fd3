// Chapter 03 — How backpropagation works. Run with `swift run Chapter03`;
// the notes are README.md beside this file.

import ArgumentParser
import ChapterRunner
import NeuralCore

@main
struct BackpropagationChapter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Chapter03",
        abstract: "Backpropagation: the four fundamental equations, checked, and the networks they train.")

    @OptionGroup var options: ChapterOptions

    @OptionGroup var knobs: BackpropKnobs

    func run() throws {
        try ChapterSession.run(
            number: 3, title: "How backpropagation works", options: options, plan: Self.plan, knobs: knobs,
            datasets: [knobs.mnist.dataset.kind]
        ) { session in
            session.step("3.1") { notationAndForwardPass(session) }
            session.step("3.2") { fundamentalEquations(session) }
            session.step("3.3") { loopVersusMatrix(session) }
            session.step("3.4") { try computationGraph(session) }
            session.step("3.5") { try moonsHiddenUnits(session, knobs: knobs.moons) }
            session.step("3.6") { try circlesDeepNetwork(session, knobs: knobs.circles) }
            session.step("3.7") { try mnistClassic(session, knobs: knobs.mnist) }
            session.step("3.8") { try gateNetworkRecipe(session, knobs: knobs.gates) }
            session.step("3.9") { try batchSizes(session, knobs: knobs.batches) }
            session.step("3.10") { try spiralsActivations(session, knobs: knobs.spirals) }
            session.step("3.11") { try circlesRecipe(session, knobs: knobs.recipe) }
        }
    }

    /// The sections in reading order, with rough run times and the draws each takes.
    static let plan = ChapterPlan([
        .section("3.1", "Notation and the forward pass", seconds: 0.1, quick: 0.1, draws: 0),
        .section("3.2", "The four fundamental equations", seconds: 0.1, quick: 0.1),
        .section("3.3", "One example at a time, or the whole mini-batch at once", seconds: 0.1, quick: 0.1),
        .section("3.4", "Backpropagation is the chain rule on a graph", seconds: 0.4, quick: 0.5),
        .section("3.5", "What backpropagation can fit: moons and the size of the hidden layer", seconds: 2, quick: 0.3),
        .section("3.6", "A deeper network: ReLU layers on circles", seconds: 2, quick: 0.6),
        .section("3.7", "Backpropagation at scale: MNIST", seconds: 110, quick: 0.4, draws: 6, quickDraws: 2),
        .section("3.8", "Networks built from gates, and a tutorial's recipe run as written", seconds: 3, quick: 0.2),
        .section("3.9", "Batch, stochastic and mini-batch gradient descent on one problem", seconds: 1, quick: 0.3),
        .section("3.10", "Three classes and the choice of hidden activation", seconds: 2, quick: 0.4),
        .section("3.11", "Skalski's circles recipe: Adam, 50 epochs and a held-out test set", seconds: 1, quick: 1),
    ])
}
