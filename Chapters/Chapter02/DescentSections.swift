// Sections 2.4–2.5 of Chapter 02: gradient descent on the quadratic cost of one neuron, and the
// computation graph that carries its gradient.

import ChapterRunner
import NeuralCore

/// Learning rates for the descent experiment: slow, about right, and deliberately too large
/// (the default of `--eta`).
let defaultLearningRates: [Double] = [0.5, 5, 100]

/// Where every descent path starts (the default of `--start`).
let descentStart = (w: -2.0, b: 0.0)

/// 2.4 — gradient descent on C(w, b) (Eq. 2.8–2.11), for the learning rates of `--eta`.
func gradientDescent(_ session: ChapterSession, knobs: DescentKnobs) throws {
    let learningRates = knobs.learningRates.sorted()
    var generator = session.generator.fork()
    let count = session.options.quick ? 30 : 60
    let data = OneInputData.noisyThreshold(count: count, trueW: 1.5, trueB: -1, using: &generator)
    let surface = QuadraticCostSurface(data: data)
    let start = (w: knobs.start[0], b: knobs.start[1])
    let steps = session.options.epochs(full: 150, quick: 80)
    session.say(
        """
        One neuron, one input: a = σ(wx + b). \(count) points x ∈ [−3, 3] with label 1 more often \
        for larger x. The cost is C(w, b) = (1/2n) Σ (y − a)² (Eq. 2.8) and its gradient \
        ∂C/∂w = (1/n) Σ (a − y)σ′(z)x, ∂C/∂b = (1/n) Σ (a − y)σ′(z) (Eq. 2.9). Each step moves \
        (w, b) by −η∇C (Eq. 2.10), which changes the cost by ΔC ≈ −η‖∇C‖² ≤ 0 (Eq. 2.11) as long \
        as η is small enough for the first-order picture to hold. Start at (w, b) = \
        (\(minus(start.w)), \(minus(start.b))), \(steps) steps:
        """)
    var paths: [(eta: Double, path: [(w: Double, b: Double)])] = []
    var outcomes: [(eta: Double, finalCost: Double, increases: Int)] = []
    var rows: [[String]] = []
    for eta in learningRates {
        let path = surface.descend(from: start, eta: eta, steps: steps)
        paths.append((eta, path))
        let costs = path.map { surface.cost(w: $0.w, b: $0.b) }
        let increases = zip(costs, costs.dropFirst()).filter { $1 > $0 }.count
        let end = path.last!
        outcomes.append((eta, costs.last!, increases))
        rows.append([
            formatted(eta, significant: 3), formatted(costs.first!, decimals: 4), formatted(costs.last!, decimals: 4),
            "(\(formatted(end.w, decimals: 2)), \(formatted(end.b, decimals: 2)))", "\(increases)",
        ])
        let key = "descent.eta\(formatted(eta, significant: 3))"
        session.record("\(key).finalCost", .number(costs.last!))
        session.record("\(key).costIncreases", .integer(increases))
    }
    session.table(["η", "C at start", "C at end", "final (w, b)", "steps that raised C"], rows)
    let best = outcomes.map(\.finalCost).min()!
    let slow = outcomes.first!
    let fast = outcomes.last!
    session.say(
        """
        \(learningRates.count == 1 ? "" : "η = \(formatted(slow.eta, significant: 3)) ends at C = \(formatted(slow.finalCost, decimals: 4)), \(slow.finalCost > best + 1e-4 ? "still on its way down the valley" : "at the minimum") after \(steps) steps.") \
        η = \(formatted(fast.eta, significant: 3)) \(fast.increases > 0 ? "overshoots: \(fast.increases) of its \(steps) steps raised the cost, as it bounced from one side of the valley to the other. There the first-order picture of Eq. 2.11 no longer holds." : "never raised the cost.") \
        The lowest cost reached is \(formatted(best, decimals: 4)).
        """)
    session.record(
        "descent.lowestCost", .number(best), summary: "lowest cost reached by descent: \(formatted(best, decimals: 4))")
    session.record(
        "descent.tooLargeIncreases", .integer(fast.increases),
        summary: "η = \(formatted(fast.eta, significant: 3)): \(fast.increases) of \(steps) steps raised the cost")
    session.configure("descent.points", .integer(count))
    session.configure("descent.steps", .integer(steps))
    session.configure("descent.learningRates", .array(learningRates.map { .number($0) }))
    try session.writeFile("cost-surface.png") { url in
        try DescentFigures.surface(
            surface, paths: paths, to: url,
            metadata: session.metadata(title: "Gradient descent on the quadratic cost"))
    }
    try session.writeFile("cost-curves.png") { url in
        try DescentFigures.costCurves(
            surface, paths: paths, to: url,
            metadata: session.metadata(title: "Cost against step"))
    }
}

/// 2.5 — the neuron's cost for one example as a computation graph, with values and gradients.
func computationGraph(_ session: ChapterSession) throws {
    let w = Value(1.2, label: "w")
    let x = Value(0.8, label: "x")
    let b = Value(-0.5, label: "b")
    let y = Value(1, label: "y")
    let z = (w * x + b).named("z")
    let a = z.sigmoid().named("a")
    let difference = (a - y).named("a − y")
    let cost = (Value(0.5, label: "½") * difference.power(2).named("(a − y)²")).named("C")
    cost.backward()
    session.say(
        """
        Written as a graph of elementary operations, C = ½(a − y)² with a = σ(wx + b) can be \
        differentiated mechanically: each node multiplies the gradient arriving from above by its \
        local derivative. For w = 1.2, x = 0.8, b = −0.5, y = 1:
        """)
    let expectedDw = (a.data - 1) * Activation.sigmoid.derivative(z.data) * x.data
    session.show(
        "z = \(formatted(z.data, decimals: 4)),  a = σ(z) = \(formatted(a.data, decimals: 4)),  C = \(formatted(cost.data, decimals: 5))"
    )
    session.show("tape:     ∂C/∂w = \(formatted(w.grad, decimals: 6)),  ∂C/∂b = \(formatted(b.grad, decimals: 6))")
    session.show("Eq. 2.9:  ∂C/∂w = (a − y)σ′(z)x = \(formatted(expectedDw, decimals: 6))")
    session.record("graph.dCdw", .number(w.grad))
    session.record(
        "graph.dCdwFormula", .number(expectedDw),
        summary: "tape ∂C/∂w = \(formatted(w.grad, decimals: 6)) = Eq. 2.9's \(formatted(expectedDw, decimals: 6))")
    try session.writeFile("neuron-graph.png") { url in
        try DescentFigures.graph(
            of: cost, to: url, metadata: session.metadata(title: "Computation graph of one sigmoid neuron"))
    }
}

/// A number as the notes print it, with a true minus sign: −2.
private func minus(_ x: Double) -> String {
    formatted(x, significant: 3).replacingOccurrences(of: "-", with: "−")
}
