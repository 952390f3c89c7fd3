// The shared gradient check of every layer, built-in or a reader's own: the backward pass
// against central differences of the forward pass, for the input and for every parameter.

extension GradientCheck {
    /// How a layer's backward pass compares with central differences.
    public struct LayerReport: Sendable, CustomStringConvertible {
        /// ∂C/∂(input), analytic against numeric.
        public var input: Report
        /// ∂C/∂θ for each parameter, in `Layer.parameters` order.
        public var parameters: [Report]

        /// The largest relative error anywhere.
        public var maxRelativeError: Double {
            parameters.reduce(input.maxRelativeError) { max($0, $1.maxRelativeError) }
        }

        public var description: String {
            (["input: \(input)"] + parameters.enumerated().map { "parameter \($0.offset): \($0.element)" })
                .joined(separator: "\n")
        }
    }

    /// Checks `layer.backward` on `input`: with a fixed random upstream gradient g, the scalar
    /// C = ⟨g, forward(input)⟩ has ∂C/∂(output) = g, so `backward(g)` must equal the central
    /// differences of C with respect to every input entry, and (parameter gradients being of the
    /// mean over the B examples, see `Layer`) the central differences of C / B with respect to every
    /// parameter entry.
    ///
    /// Each evaluation starts from a fresh copy of `layer` and a generator seeded with `seed`, so
    /// dropout draws the same mask every time and batch normalization's running averages do not
    /// drift between evaluations.
    public static func layer<L: Layer>(
        _ layer: L, input: FeatureMaps, mode: LayerMode = .training, seed: UInt64 = 1,
        step h: Double = defaultStep, floor: Double = defaultFloor
    ) -> LayerReport {
        func output(_ probe: L, _ x: FeatureMaps) -> (FeatureMaps, L.Cache) {
            var copy = probe
            var cache = copy.makeCache()
            var generator = SeededGenerator(seed: seed)
            let y = copy.forward(x, mode: mode, cache: &cache, generator: &generator)
            return (y, cache)
        }
        let (y, cache) = output(layer, input)
        var upstreamGenerator = SeededGenerator(seed: seed &+ 0x9E37_79B9)
        let g = FeatureMaps(
            channels: y.channels, batch: y.batch, height: y.height, width: y.width,
            values: Matrix.gaussian(y.values.rows, y.values.columns, standardDeviation: 1, using: &upstreamGenerator))
        var backwardCache = cache
        let analytic = layer.backward(g, cache: &backwardCache, needsInputGradient: true)
        func objective(_ probe: L, _ x: FeatureMaps) -> Double { output(probe, x).0.values.dot(g.values) }

        let numericInput = numericGradient(
            of: { values in
                objective(
                    layer,
                    FeatureMaps(
                        channels: input.channels, batch: input.batch, height: input.height, width: input.width,
                        values: values))
            }, at: input.values, step: h)
        let inputReport = compare(
            analytic: analytic.input?.values ?? Matrix(rows: input.values.rows, columns: input.values.columns),
            numeric: numericInput, floor: floor)

        let parameters = layer.parameters
        var reports: [Report] = []
        for index in parameters.indices {
            let numeric = numericGradient(
                of: { value in
                    var probe = layer
                    var changed = parameters
                    changed[index] = value
                    probe.parameters = changed
                    return objective(probe, input)
                }, at: parameters[index], step: h)
            reports.append(
                compare(analytic: analytic.parameters[index], numeric: numeric / Double(input.batch), floor: floor))
        }
        return LayerReport(input: inputReport, parameters: reports)
    }
}
