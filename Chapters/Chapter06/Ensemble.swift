// Section 6.9: several LeNets trained with 6.6's solver from different starting weights, voting.

import ChapterRunner
import Foundation
import NeuralCore

enum EnsembleRecipe {
    /// Members a quick run adds to 6.6's network (tiny LeNets of the quick solver).
    static let quickMembers = 2

    /// The ensemble's answer for every example: the class most members predict; a tie goes to the
    /// tied class with the largest summed probability. `probabilities` holds one classes × examples
    /// matrix per member.
    static func vote(_ probabilities: [Matrix]) -> [Int] {
        guard let first = probabilities.first else { return [] }
        return (0..<first.columns).map { example in
            var votes = [Int](repeating: 0, count: first.rows)
            var sums = [Double](repeating: 0, count: first.rows)
            for p in probabilities {
                let column = (0..<p.rows).map { p[$0, example] }
                let best = column.indices.max { column[$0] < column[$1] } ?? 0
                votes[best] += 1
                for c in column.indices { sums[c] += column[c] }
            }
            return votes.indices.max { a, b in
                votes[a] != votes[b] ? votes[a] < votes[b] : sums[a] < sums[b]
            } ?? 0
        }
    }

    /// The fraction of `predictions` equal to `labels`.
    static func accuracy(_ predictions: [Int], labels: [Int]) -> Double {
        Double(zip(predictions, labels).filter { $0 == $1 }.count) / Double(max(labels.count, 1))
    }
}

extension LeNet {
    /// The output probabilities of `network` for every example of `data` (classes × count),
    /// computed 500 images at a time so the feature maps stay small.
    static func probabilities(_ network: Network, on data: LabeledData) -> Matrix {
        var result = Matrix(rows: network.outputCount, columns: data.count)
        var start = 0
        while start < data.count {
            let indices = Array(start..<min(start + 500, data.count))
            let a = network.feedforward(network.input(data, indices: indices)).values
            for (k, column) in indices.enumerated() {
                for row in 0..<a.rows { result[row, column] = a[row, k] }
            }
            start += indices.count
        }
        return result
    }
}

/// 6.9 — `members` more LeNets like 6.6's, and the vote of all of them (off unless asked).
func ensembleSection(
    _ session: ChapterSession, data: ChapterImages, lenet: LeNet.Run, members: Int
) throws {
    let solver = lenet.solver
    let minutes = lenet.secondsPerIteration * Double(solver.iterations) / 60
    guard members > 0 else {
        session.say(
            """
            Not run by default. `--ensemble 4` trains four more LeNets exactly as 6.6 trained its one, \
            each from its own random start, and lets the five vote; on this machine each takes about \
            \(formatted(max(minutes, 0.1), decimals: 1)) minutes at \(solver.iterations) iterations \
            (about \(formatted(lenet.secondsPerIteration * Double(LeNetRecipe.solverIterations) / 60, decimals: 1)) \
            with `--lenet-iterations \(LeNetRecipe.solverIterations)`).
            """)
        session.record("ensemble.members", .integer(0))
        return
    }
    session.say(
        """
        \(members) more LeNet\(members == 1 ? "" : "s") trained like 6.6's (\(solver.iterations) iterations \
        each, every one from its own random start), then all \(members + 1) vote: each image gets the \
        class most of them predict (a tie goes to the largest summed probability).
        """)
    var networks = [lenet.network]
    var solo = solver
    solo.testInterval = solver.iterations
    for member in 1...members {
        var generator = session.generator.fork()
        let network = LeNet.network(
            height: data.height, width: data.width, classes: data.classNames.count, using: &generator)
        let run = try LeNet.train(
            network, training: data.training, test: data.test, solver: solo, traced: 0, generator: &generator)
        session.show("member \(member + 1): test accuracy \(percent(run.finalAccuracy))")
        networks.append(run.network)
    }
    let probabilities = networks.map { LeNet.probabilities($0, on: data.test) }
    let singles = probabilities.map { p in EnsembleRecipe.accuracy(p.argmaxPerColumn(), labels: data.test.labels) }
    let voted = EnsembleRecipe.accuracy(EnsembleRecipe.vote(probabilities), labels: data.test.labels)
    let best = singles.max() ?? .nan
    session.table(
        ["network", "test accuracy"],
        singles.enumerated().map { ["LeNet \($0.offset + 1)\($0.offset == 0 ? " (6.6)" : "")", percent($0.element)] }
            + [["the vote of all \(networks.count)", percent(voted)]])
    session.say(
        """
        The vote gets \(percent(voted)) against \(percent(best)) for the best single network: \
        \(voted > best ? "\(Int(((voted - best) * Double(data.test.count)).rounded())) fewer mistakes, because the members' mistakes only partly coincide" : "no gain here; the members make largely the same mistakes").
        """)
    session.record("ensemble.members", .integer(networks.count))
    session.record("ensemble.memberAccuracy", .array(singles.map { .number($0) }))
    session.record(
        "ensemble.voteAccuracy", .number(voted),
        summary: "\(data.dataset.displayName) test accuracy, vote of \(networks.count) LeNets: \(percent(voted))")
}
