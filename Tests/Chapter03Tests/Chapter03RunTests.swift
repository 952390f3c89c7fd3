import Figures
import Foundation
import TestSupport
import Testing

@testable import Chapter03

@Suite("Chapter 03 — a quick run writes readable figures and the promised results")
struct Chapter03RunTests {
    @Test("swift run Chapter03 --quick: figures, metadata and results.json")
    func quickRun() throws {
        let folder = try TestPaths.scratchFolder()
        var arguments = ["--quick", "--seed", "3", "--out", folder.path]
        if let data = SharedData.folder { arguments += ["--data", data.path] }
        try BackpropagationChapter.parse(arguments).run()
        let results = try ChapterRunCheck.figuresAndResults(
            in: folder.appendingPathComponent("Chapter03/seed-3"),  // a seed other than the notes' names the folder
            figures: [
                "tiny-network-hidden.png", "tiny-network-head.png", "mnist-architecture.png", "moons-hidden-units.png",
                "circles-epochs.png", "circles-forming.png", "circles-curves.png", "mnist-learning-curves.png",
                "mnist-mistakes.png", "moons-gates-recipe.png", "batch-size-curves.png", "gradient-variance.png",
                "spirals-activations.png", "circles-recipe-region.png", "circles-recipe-curves.png",
            ], chapter: "03", seed: 3)
        // The animation of 3.6: one frame per quick epoch, looping, lean, with the figures' metadata.
        let gif = folder.appendingPathComponent("Chapter03/seed-3/circles-forming.gif")
        let animation = try GIFAnimation(contentsOf: gif)
        #expect(animation.frames.count == CirclesExperiment.quickFrames.count)
        #expect(animation.loopCount == 0)
        #expect(animation.width <= Legibility.maximumDisplayWidth)
        #expect(
            animation.metadata.contains { $0 == ("Chapter", "03") }
                && animation.metadata.contains { $0 == ("Seed", "3") })
        #expect(try Data(contentsOf: gif).count < AnimatedGIF.maximumBytes)
        // A zero difference is written as the integer 0.
        func number(_ key: String) -> Double? {
            switch results[key] {
            case .number(let value)?: return value
            case .integer(let value)?: return Double(value)
            default: return nil
            }
        }
        guard let error = number("bp.maxRelativeError"), let loop = number("loopVersusMatrix.maxDifference"),
            let tape = number("tape.maxDifference")
        else {
            Issue.record("results.json lacks the backpropagation checks")
            return
        }
        #expect(error < Tolerance.gradientCheckSmooth)
        #expect(loop < loopVersusMatrixTolerance)
        #expect(tape < Tolerance.twoAnalyticGradients)
        #expect(results["mnist.h30.testAccuracy"] != nil)
        // 3.8: the gate network is the core's Network on the transposed weights.
        #expect((number("gates.costDifference") ?? 1) < Tolerance.exactArithmetic)
        #expect((number("gates.gradientDifference") ?? 1) < Tolerance.exactArithmetic)
        #expect((number("spirals.identity.collapseDifference") ?? 1) < Tolerance.exactArithmetic)
        #expect(results["variance.perExample"] != nil && results["batches.m1.finalCost"] != nil)
    }
}
