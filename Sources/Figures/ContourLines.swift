// Marching squares: where a sampled function crosses a level, as short line segments.
// Each grid cell is classified by which corners lie above the level; crossings are placed on
// the cell edges by linear interpolation. Saddle cells are resolved with the cell's mean.

/// A regular grid of sample positions over a rectangle of the plane.
public struct SampleGrid: Sendable {
    public let xRange: ClosedRange<Double>
    public let yRange: ClosedRange<Double>
    public let columns: Int
    public let rows: Int

    public init(xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, columns: Int, rows: Int) {
        precondition(columns >= 2 && rows >= 2, "a sample grid needs at least 2×2 samples, got \(columns)×\(rows)")
        self.xRange = xRange
        self.yRange = yRange
        self.columns = columns
        self.rows = rows
    }

    /// x of column `i` (0 at the left edge, columns − 1 at the right).
    public func x(_ i: Int) -> Double {
        xRange.lowerBound + Double(i) / Double(columns - 1) * (xRange.upperBound - xRange.lowerBound)
    }

    /// y of row `j` (0 at the bottom edge, rows − 1 at the top).
    public func y(_ j: Int) -> Double {
        yRange.lowerBound + Double(j) / Double(rows - 1) * (yRange.upperBound - yRange.lowerBound)
    }

    /// `f` at every sample, row-major from the bottom row up: index j·columns + i.
    public func values(_ f: (Double, Double) -> Double) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(columns * rows)
        for j in 0..<rows {
            for i in 0..<columns { result.append(f(x(i), y(j))) }
        }
        return result
    }

    /// Cell-centre sample positions in image order (top row first), for drawing as pixels.
    func imageOrder() -> [(Double, Double)] {
        let width = xRange.upperBound - xRange.lowerBound
        let height = yRange.upperBound - yRange.lowerBound
        var result: [(Double, Double)] = []
        result.reserveCapacity(columns * rows)
        for row in 0..<rows {
            let y = yRange.upperBound - (Double(row) + 0.5) / Double(rows) * height
            for column in 0..<columns {
                result.append((xRange.lowerBound + (Double(column) + 0.5) / Double(columns) * width, y))
            }
        }
        return result
    }
}

/// One piece of a contour line, in data coordinates.
public struct ContourSegment: Sendable, Equatable {
    public var start: (x: Double, y: Double)
    public var end: (x: Double, y: Double)

    public static func == (a: ContourSegment, b: ContourSegment) -> Bool {
        a.start == b.start && a.end == b.end
    }
}

/// Contour lines by marching squares.
public enum ContourLines {
    /// The segments where `f`, sampled on a `resolution` × `resolution` grid, crosses `level`.
    public static func segments(
        of f: (Double, Double) -> Double, xRange: ClosedRange<Double>,
        yRange: ClosedRange<Double>, resolution: Int = 100, level: Double
    ) -> [ContourSegment] {
        let grid = SampleGrid(xRange: xRange, yRange: yRange, columns: resolution, rows: resolution)
        return segments(grid: grid.values(f), on: grid, level: level)
    }

    /// The segments where sampled `values` (as `SampleGrid.values` orders them) cross `level`.
    public static func segments(grid values: [Double], on grid: SampleGrid, level: Double) -> [ContourSegment] {
        precondition(
            values.count == grid.columns * grid.rows, "\(values.count) values for a \(grid.columns)×\(grid.rows) grid")
        var result: [ContourSegment] = []
        for j in 0..<(grid.rows - 1) {
            for i in 0..<(grid.columns - 1) {
                result += cellSegments(i: i, j: j, values: values, grid: grid, level: level)
            }
        }
        return result
    }

    /// Segments inside the cell whose lower-left sample is (i, j).
    private static func cellSegments(i: Int, j: Int, values: [Double], grid: SampleGrid, level: Double)
        -> [ContourSegment]
    {
        let v00 = values[j * grid.columns + i]  // bottom-left
        let v10 = values[j * grid.columns + i + 1]  // bottom-right
        let v11 = values[(j + 1) * grid.columns + i + 1]  // top-right
        let v01 = values[(j + 1) * grid.columns + i]  // top-left
        guard [v00, v10, v11, v01].allSatisfy(\.isFinite) else { return [] }
        let x0 = grid.x(i), x1 = grid.x(i + 1)
        let y0 = grid.y(j), y1 = grid.y(j + 1)

        /// Where the level crosses between two samples, by linear interpolation.
        func crossing(_ a: Double, _ b: Double, _ pa: (Double, Double), _ pb: (Double, Double)) -> (
            x: Double, y: Double
        )? {
            guard (a >= level) != (b >= level) else { return nil }
            let t = (level - a) / (b - a)
            return (pa.0 + t * (pb.0 - pa.0), pa.1 + t * (pb.1 - pa.1))
        }
        let bottom = crossing(v00, v10, (x0, y0), (x1, y0))
        let right = crossing(v10, v11, (x1, y0), (x1, y1))
        let top = crossing(v01, v11, (x0, y1), (x1, y1))
        let left = crossing(v00, v01, (x0, y0), (x0, y1))
        let found = [bottom, right, top, left].compactMap { $0 }
        if found.count == 2 { return [ContourSegment(start: found[0], end: found[1])] }
        guard found.count == 4, let bottom, let right, let top, let left else { return [] }
        // Saddle: if the centre is on the same side as the bottom-left corner, that corner's
        // region runs through the centre and the lines cut off the other two corners.
        let centre = (v00 + v10 + v11 + v01) / 4
        if (centre >= level) == (v00 >= level) {
            return [ContourSegment(start: bottom, end: right), ContourSegment(start: top, end: left)]
        }
        return [ContourSegment(start: left, end: bottom), ContourSegment(start: right, end: top)]
    }
}
