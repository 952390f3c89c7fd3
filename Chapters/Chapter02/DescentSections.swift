// Sections 2.4–2.5 of Chapter 02: gradient descent on the quadratic cost of one neuron, and the
// computation graph that carries its gradient.

import ChapterRunner
import NeuralCore

/// Learning rates for the descent experiment; the last one is deliberately too large.
let learningRates: [Double] = [0.5, 2, 8, 60]

/// 2.4 — gradient descent on C(w, b) (Eq. 2.8–2.11), for several learning rates.
func gradientDescent(_ session: ChapterSession) throws {
    session.section("2.4", "Gradient descent on the quadratic cost")
    var generator = session.generator.fork()
    let count = session.options.quick ? 30 : 60
    let data = OneInputData.noisyThreshold(count: count, trueW: 1.5, trueB: -1, using: &generator)
    let surface = QuadraticCostSurface(data: data)
    let start = (w: -3.0, b: 3.0)
    let steps = session.options.epochs(full: 300, quick: 120)
    session.say(
        """
        One neuron, one input: a = σ(wx + b). \(count) points x ∈ [−3, 3] with label 1 more often \
        for larger x. The cost is C(w, b) = (1/2n) Σ (y − a)² (Eq. 2.8) and its gradient \
        ∂C/∂w = (1/n) Σ (a − y)σ′(z)x, ∂C/∂b = (1/n) Σ (a − y)σ′(z) (Eq. 2.9). Each step moves \
        (w, b) by −η∇C (Eq. 2.10), which changes the cost by ΔC ≈ −η‖∇C‖² ≤ 0 (Eq. 2.11) as long \
        as η is small enough for the first-order picture to hold. Start at (w, b) = (−3, 3), \
        \(steps) steps:
        """)
    var paths: [(eta: Double, path: [(w: Double, b: Double)])] = []
    var rows: [[String]] = []
    for eta in learningRates {
        let path = surface.descend(from: start, eta: eta, steps: steps)
        paths.append((eta, path))
        let costs = path.map { surface.cost(w: $0.w, b: $0.b) }
        let increases = zip(costs, costs.dropFirst()).filter { $1 > $0 + 1e-15 }.count
        let end = path.last!
        rows.append([
            formatted(eta, significant: 3), formatted(costs.first!, decimals: 4), formatted(costs.last!, decimals: 4),
            "(\(formatted(end.w, decimals: 2)), \(formatted(end.b, decimals: 2)))", "\(increases)",
        ])
        session.record("descent.eta\(formatted(eta, significant: 3)).finalCost", .number(costs.last!))
        session.record("descent.eta\(formatted(eta, significant: 3)).costIncreases", .integer(increases))
    }
    session.table(["η", "C at start", "C at end", "final (w, b)", "steps that raised C"], rows)
    session.say(
        "Small η creeps down the valley; a moderate η gets there in fewer steps; the largest η overshoots: some steps raise the cost, exactly where Eq. 2.11's linear picture breaks down.")
    session.configure("descent.points", .integer(count))
    session.configure("descent.steps", .integer(steps))
    session.configure("descent.learningRates", .array(learningRates.map { .number($0) }))
    try session.writeFile("cost-surface.png") { url in
        try DescentFigures.surface(surface, paths: paths, to: url,
                                   metadata: session.metadata(title: "Gradient descent on the quadratic cost"))
    }
    try session.writeFile("cost-curves.png") { url in
        try DescentFigures.costCurves(surface, paths: paths, to: url,
                                      metadata: session.metadata(title: "Cost against step"))
    }
}

/// 2.5 — the neuron's cost for one example as a computation graph, with values and gradients.
func computationGraph(_ session: ChapterSession) throws {
    session.section("2.5", "The computation graph of one neuron")
    let w = Value(1.2, label: "w")
    let x = Value(0.8, label: "x")
    let b = Value(-0.5, label: "b")
    let y = Value(1, label: "y")
    let z = (w * x + b).named("z")
    let a = z.sigmoid().named("a")
    let difference = (a - y).named("a − y")
    let cost = (0.5 * difference.power(2)).named("C")
    cost.backward()
    session.say(
        """
        Written as a graph of elementary operations, C = ½(a − y)² with a = σ(wx + b) can be \
        differentiated mechanically: each node multiplies the gradient arriving from above by its \
        local derivative. For w = 1.2, x = 0.8, b = −0.5, y = 1:
        """)
    let expectedDw = (a.data - 1) * Activation.sigmoid.derivative(z.data) * x.data
    session.show("z = \(formatted(z.data, decimals: 4)),  a = σ(z) = \(formatted(a.data, decimals: 4)),  C = \(formatted(cost.data, decimals: 5))")
    session.show("tape:     ∂C/∂w = \(formatted(w.grad, decimals: 6)),  ∂C/∂b = \(formatted(b.grad, decimals: 6))")
    session.show("Eq. 2.9:  ∂C/∂w = (a − y)σ′(z)x = \(formatted(expectedDw, decimals: 6))")
    session.record("graph.dCdw", .number(w.grad))
    session.record("graph.dCdwFormula", .number(expectedDw))
    try session.writeFile("neuron-graph.png") { url in
        try DescentFigures.graph(of: cost, to: url, metadata: session.metadata(title: "Computation graph of one sigmoid neuron"))
    }
}
