// Sections 7.5–7.6: vanishing and exploding gradients through time, and what the hidden units of the
// trained character model do over a stretch of text.

import ChapterRunner
import Figures
import Foundation
import NeuralCore

/// 7.5 — ‖∂L_T/∂hₜ‖ against t for ρ(W) below, at and above 1.
func gradientFlow(_ session: ChapterSession) throws {
    session.say(
        """
        How much does the loss at the last step T depend on the state far back? By the chain rule \
        through Eq. 7.1 the gradient reaching hₜ is a product of T − t step Jacobians:
        """)
    session.show("(7.11) ∂L_T/∂hₜ = (∏ₖ₌ₜ₊₁…T diag(1 − hₖ²) W)ᵀ ∂L_T/∂h_T,   so ‖∂L_T/∂hₜ‖ ≤ ‖W‖^(T−t) ‖∂L_T/∂h_T‖")
    session.say(
        """
        Each factor multiplies by W and by tanh′ ≤ 1. Take W = ρQ with Q orthogonal, so W has spectral \
        radius (and norm) exactly ρ, \(GradientFlow.hidden) hidden units, small input weights, a random \
        sequence of \(GradientFlow.steps) symbols and the loss of the last step only:
        """)
    var generator = session.generator.fork()
    let (inputs, target) = GradientFlow.sequence(using: &generator)
    var curves: [(radius: Double, norms: [Double])] = []
    var rows: [[String]] = []
    for radius in GradientFlow.radii {
        let model = GradientFlow.network(radius: radius, using: &generator)
        let norms = GradientFlow.gradientNorms(model, inputs: inputs, target: target)
        curves.append((radius, norms))
        let last = norms[norms.count - 1]
        let ratio = norms[0] / last
        let bound = pow(radius, Double(GradientFlow.steps - 1))
        rows.append([
            formatted(radius, decimals: 1), formatted(last, significant: 3),
            formatted(norms[norms.count - 11], significant: 3),
            formatted(norms[0], significant: 3), formatted(ratio, significant: 3), formatted(bound, significant: 3),
            formatted(100 * GradientFlow.saturation(model, inputs: inputs), decimals: 1),
        ])
        session.record("gradientFlow.ratio.rho\(formatted(radius, decimals: 1))", .number(ratio))
    }
    session.table(
        ["ρ(W)", "‖∂L/∂h₆₀‖", "‖∂L/∂h₅₀‖", "‖∂L/∂h₁‖", "ratio h₁ / h₆₀", "ρ⁵⁹ (linear bound)", "|h| > 0.9 (%)"],
        rows)
    let ratios = curves.map { $0.norms[0] / $0.norms[$0.norms.count - 1] }
    session.say(
        """
        Below 1 the gradient from 59 steps back is \(formatted(ratios[0], significant: 2)) of its size \
        at the end: the network cannot learn that the last output depends on the first input, because \
        that dependence contributes nothing to the gradient. At ρ = 1 the gradient still decays \
        (\(formatted(ratios[1], significant: 2))), because every tanh′ < 1 takes its share. Above 1 it \
        grows by \(formatted(ratios[2], significant: 2)) — until the state saturates, where tanh′ → 0 \
        pulls it back down; in training, an exploding gradient shows up as sudden huge updates, and \
        clipping (Eq. 7.8) is the standard guard. The linear bound ρᵀ⁻ᵗ is the dashed line of each colour.
        """)
    session.record(
        "gradientFlow.vanishingRatio", .number(ratios[0]),
        summary:
            "‖∂L₆₀/∂h₁‖ / ‖∂L₆₀/∂h₆₀‖ = \(formatted(ratios[0], significant: 2)) (ρ = 0.8), \(formatted(ratios[1], significant: 2)) (ρ = 1), \(formatted(ratios[2], significant: 2)) (ρ = 1.2)"
    )

    try session.writeFile("gradient-flow.png") { url in
        // Each curve divided by its value at t = T, so the ratios the text quotes read off the axis.
        var series: [LineSeries] = []
        for (index, curve) in curves.enumerated() {
            let colour = Palette.categorical(index)
            let ts = (1...curve.norms.count).map(Double.init)
            let last = curve.norms[curve.norms.count - 1]
            series.append(
                LineSeries(
                    name: "ρ(W) = \(formatted(curve.radius, decimals: 1))", ys: curve.norms.map { $0 / last }, xs: ts,
                    colour: colour))
            let bound = ts.map { pow(curve.radius, Double(curve.norms.count) - $0) }
            series.append(
                LineSeries(
                    name: "ρᵀ⁻ᵗ, ρ = \(formatted(curve.radius, decimals: 1))", ys: bound, xs: ts, colour: colour,
                    dashed: true))
        }
        var plot = LinePlot(
            title:
                "∂L\(subscriptDigits(GradientFlow.steps))/∂hₜ with W = ρ · orthogonal, relative to t = T = \(GradientFlow.steps)",
            xLabel: "time step t", yLabel: "‖∂L₆₀/∂hₜ‖ / ‖∂L₆₀/∂h₆₀‖ (log scale)", series: series, yScale: .log10)
        plot.legend = .automatic
        plot.xWholeNumbers = true
        try plot.write(to: url, metadata: session.metadata(title: "Vanishing and exploding gradients"))
    }
}

/// Subscript digits for a whole number (60 → ₆₀).
private func subscriptDigits(_ n: Int) -> String {
    let digits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
    return String(String(n).compactMap { $0.wholeNumberValue.map { digits[$0] } })
}

/// 7.6 — the trained character model's hidden units over a stretch of its corpus.
func hiddenStates(_ session: ChapterSession, model trained: CharacterModel) throws {
    let length = 60
    let vocabulary = trained.vocabulary
    // A stretch starting at the first line that begins with a letter and is long enough (else the
    // text's beginning), cut from the indices so the text is never rebuilt.
    let lineEnds = Set(["\n", "\r"].compactMap { vocabulary.index(of: $0) })
    let lines = trained.indices.split(omittingEmptySubsequences: true) { lineEnds.contains($0) }
    let line =
        lines.first { $0.count >= length && vocabulary.symbols[$0[$0.startIndex]].isLetter }
        ?? trained.indices[...]
    let indices = Array(line.prefix(length))
    let snippet = vocabulary.text(of: indices)
    let pass = trained.model.forward(indices.map { .oneHot([$0]) })
    let hidden = pass.hidden
    let units = HiddenUnitStatistics(hidden)
    let saturated = Double(hidden.elements.filter { abs($0) > 0.9 }.count) / Double(hidden.count)
    let marker = DetectorCharacter(indices, vocabulary: vocabulary)
    let marked = marker.map { marker in indices.indices.filter { indices[$0] == marker.index } } ?? []
    let detector = marker.map { _ in units.bestSeparating(marked, steps: indices.count, hidden: hidden) }
    // The detector first, then the 19 other units that vary most (20 of those without a detector).
    let shown =
        detector.map { detector in
            [detector.unit] + units.mostVarying(20).filter { $0 != detector.unit }.prefix(19)
        } ?? units.mostVarying(20)
    let heatMapShows =
        detector == nil
        ? "the \(shown.count) units that vary most along the line"
        : "the unit described next in its top row and, below it, the \(shown.count - 1) units that vary most along the line"
    var detectorSentence =
        "Every character of this stretch is the same, so no unit can tell one character from another. "
    if let marker, let detector {
        let name = marker.isSpace ? "a space" : "\"\(marker.name)\""
        detectorSentence =
            (marker.isSpace ? "" : "This line has no spaces, so look instead for the character it uses most, \(name). ")
            + "The unit that best tells \(name) from the other characters is unit \(detector.unit), the top row: "
            + "its mean activation is \(formatted(detector.inside, decimals: 2)) when it has just read \(name) and "
            + "\(formatted(detector.outside, decimals: 2)) elsewhere. "
    }
    session.say(
        """
        Running the trained network over "\(printable(snippet))" gives \(hidden.rows) hidden activations per \
        character; the heat map shows \(heatMapShows). Each unit is a feature \
        of the text read so far, and few are as legible as one would like. \(detectorSentence)\
        \(percent(saturated, decimals: 1)) of all activations have |h| > 0.9: those units act \
        almost as switches, with tanh′ < 0.19, and each switch is a factor that shrinks the gradient \
        of Section 7.5.
        """)
    if units.rhythmic.count >= max(1, hidden.rows / 4) {
        session.say(
            """
            \(units.rhythmic.count) of the \(hidden.rows) units have fallen into a rhythm + + − − …: \
            their state two steps later is mostly reversed (mean hₜ·hₜ₊₂ < −0.5), the text riding on \
            top of an oscillation. Large early Adagrad steps on W can cause it (η = 0.1 did on the notes); a \
            smaller --eta usually avoids it.
            """)
    }
    if let marker, let detector, marker.isSpace {
        session.record("hiddenStates.spaceUnit", .integer(detector.unit))
        session.record("hiddenStates.spaceUnitGap", .number(detector.inside - detector.outside))
    } else {
        session.record("hiddenStates.spaceUnit", .null)
        session.record("hiddenStates.spaceUnitGap", .null)
        if let marker, let detector {
            session.record("hiddenStates.detectorCharacter", .string(String(vocabulary.symbols[marker.index])))
            session.record("hiddenStates.detectorUnit", .integer(detector.unit))
            session.record("hiddenStates.detectorGap", .number(detector.inside - detector.outside))
        }
    }
    session.record("hiddenStates.rhythmicUnits", .integer(units.rhythmic.count))
    session.record("hiddenStates.saturatedFraction", .number(saturated))
    session.record("hiddenStates.snippet", .string(snippet))
    try session.writeFile("hidden-states.png") { url in
        // The line in two halves, one above the other, so that cells stay large enough to read.
        let rowLabels = shown.map { unit in
            guard unit == detector?.unit, let marker else { return "unit \(unit)" }
            return marker.isSpace ? "unit \(unit) (spaces)" : "unit \(unit) (\"\(marker.name)\")"
        }
        let half = (indices.count + 1) / 2
        let halves = [0..<half, half..<indices.count]
        let panels: [any Chart] = halves.enumerated().map { part, range in
            var map = HeatMap(
                title: "characters \(range.lowerBound + 1)–\(range.upperBound)",
                values: shown.map { unit in Array(hidden.row(unit)[range]) }, rowLabels: rowLabels,
                columnLabels: indices[range].map { vocabulary.displayName(of: $0) }, colormap: .diverging)
            map.range = -1...1
            map.showValues = false
            // The columns whose input is the detector's character, outlined so its row can be read.
            if let marker {
                map.outlinedColumns = indices[range].enumerated().filter { $0.element == marker.index }.map(\.offset)
            }
            map.xLabel = part == halves.count - 1 ? "input character" : ""
            map.yLabel = "hidden unit"
            map.colourBarLabel = "hₜ"
            return map
        }
        let stack = FigureStack(
            title: "Hidden units over a line of the corpus: "
                + (detector.map { detector in
                    "the \(marker?.isSpace == true ? "space" : "\"\(marker?.name ?? "")\"") detector (unit \(detector.unit)) and \(shown.count - 1) more; outlined: the steps that read \(marker?.isSpace == true ? "a space" : "\"\(marker?.name ?? "")\"")"
                } ?? "the \(shown.count) most varying"),
            // 440 pixels for 20 rows, less for a network with fewer units.
            bands: panels.map { .init([$0], height: 120 + 16 * shown.count) })
        try stack.write(to: url, metadata: session.metadata(title: "Hidden-state activations"))
    }
}

/// The character whose hidden-unit detector 7.6 looks for in a stretch of text: the space if the
/// stretch has one, else its most frequent character (the first to occur among equals); none if
/// the stretch repeats a single character.
struct DetectorCharacter: Sendable, Equatable {
    var index: Int
    /// The character as the narrative names it (`Vocabulary.displayName`).
    var name: String
    var isSpace: Bool

    init?(_ indices: [Int], vocabulary: Vocabulary) {
        guard Set(indices).count >= 2 else { return nil }
        if let space = vocabulary.index(of: " "), indices.contains(space) {
            self.init(index: space, name: "␣", isSpace: true)
            return
        }
        var counts: [Int: Int] = [:]
        for index in indices { counts[index, default: 0] += 1 }
        let most = counts.values.max() ?? 0
        guard let first = indices.first(where: { counts[$0] == most }) else { return nil }
        self.init(index: first, name: vocabulary.displayName(of: first), isSpace: false)
    }

    init(index: Int, name: String, isSpace: Bool) {
        self.index = index
        self.name = name
        self.isSpace = isSpace
    }
}

/// Per-unit statistics of hidden activations over a sequence (hidden × steps).
struct HiddenUnitStatistics: Sendable {
    /// The variance of each unit's activation along the sequence.
    var variance: [Double]
    /// The mean of hₜ·hₜ₊₂ along the sequence for each unit: near −1 when the unit reverses its
    /// sign every two steps (a rhythm + + − − …).
    var lagTwoProduct: [Double]

    init(_ hidden: Matrix) {
        let n = Double(hidden.columns)
        variance = (0..<hidden.rows).map { i in
            let row = hidden.row(i)
            let mean = row.reduce(0, +) / n
            return row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n
        }
        lagTwoProduct = (0..<hidden.rows).map { i in
            let row = hidden.row(i)
            let products = zip(row, row.dropFirst(2)).map { pair in pair.0 * pair.1 }
            return products.reduce(0, +) / Double(max(products.count, 1))
        }
    }

    /// Units whose state two steps later is mostly reversed: mean hₜ·hₜ₊₂ < −0.5.
    var rhythmic: [Int] { lagTwoProduct.indices.filter { lagTwoProduct[$0] < -0.5 } }

    /// The unit whose mean activation at the `marked` steps differs most from its mean elsewhere.
    func bestSeparating(_ marked: [Int], steps: Int, hidden: Matrix) -> (unit: Int, inside: Double, outside: Double) {
        let markedSet = Set(marked)
        var best = (unit: 0, inside: 0.0, outside: 0.0)
        for i in 0..<hidden.rows {
            let row = hidden.row(i)
            let inside = marked.map { row[$0] }.reduce(0, +) / Double(max(marked.count, 1))
            let others = (0..<steps).filter { !markedSet.contains($0) }
            let outside = others.map { row[$0] }.reduce(0, +) / Double(max(others.count, 1))
            if abs(inside - outside) > abs(best.inside - best.outside) { best = (i, inside, outside) }
        }
        return best
    }

    /// The `count` units of largest variance, largest first.
    func mostVarying(_ count: Int) -> [Int] {
        Array(variance.indices.sorted { variance[$0] > variance[$1] }.prefix(count))
    }
}
