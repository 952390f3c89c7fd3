// A two-input network's output over a rectangle of the plane, computed in one batched forward
// pass and looked up at the nearest sample. Decision-region figures ask for their field one
// point at a time (tens of thousands of points per panel); one matrix product per layer makes
// small multiples of many networks cheap.

/// The outputs of a two-input network on a `samples × samples` grid over `xRange × yRange`.
public struct GridField: Sendable {
    public let xRange: ClosedRange<Double>
    public let yRange: ClosedRange<Double>
    public let samples: Int
    /// Predicted class at each sample, row-major from the bottom row (index j·samples + i).
    public let classes: [Int]
    /// p(class 1) at each sample: the single sigmoid output, or the second output of several.
    public let probabilities: [Double]

    public init(_ network: Network, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, samples: Int = 200) {
        precondition(network.sizes[0] == 2, "a grid field needs a network with two inputs")
        precondition(samples >= 2, "a grid field needs at least 2 samples per axis")
        self.xRange = xRange
        self.yRange = yRange
        self.samples = samples
        let count = samples * samples
        var x = Matrix(rows: 2, columns: count)
        for j in 0..<samples {
            for i in 0..<samples {
                x[0, j * samples + i] =
                    xRange.lowerBound + Double(i) / Double(samples - 1) * (xRange.upperBound - xRange.lowerBound)
                x[1, j * samples + i] =
                    yRange.lowerBound + Double(j) / Double(samples - 1) * (yRange.upperBound - yRange.lowerBound)
            }
        }
        let a = network.feedforward(x)
        if a.rows == 1 {
            probabilities = a.elements
            classes = a.elements.map { $0 > 0.5 ? 1 : 0 }
        } else {
            probabilities = a.row(1)
            classes = a.argmaxPerColumn()
        }
    }

    private func index(_ x: Double, _ y: Double) -> Int {
        func nearest(_ value: Double, _ range: ClosedRange<Double>) -> Int {
            let t = (value - range.lowerBound) / (range.upperBound - range.lowerBound)
            return min(samples - 1, max(0, Int((t * Double(samples - 1)).rounded())))
        }
        return nearest(y, yRange) * samples + nearest(x, xRange)
    }

    public func predictedClass(_ x: Double, _ y: Double) -> Int { classes[index(x, y)] }
    public func probability(_ x: Double, _ y: Double) -> Double { probabilities[index(x, y)] }
}
