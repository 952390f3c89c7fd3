// One palette for every frame of an animation: a GIF holds at most 256 colours, so the colours
// the frames use are reduced to a few hundred, deterministically and without dithering (a
// dithered antialiased edge would shimmer from frame to frame).

/// A colour as 0xRRGGBB.
typealias PackedRGB = UInt32

/// Reduces the colours of a set of images to one shared palette.
///
/// The palette keeps the most frequent colours first (the white background, the ink of the
/// text, the large flat regions), spread so that no colour any frame uses lies farther from its
/// palette entry than it must: colours are taken in order of frequency, each only if it is more
/// than a distance `t` from every colour already taken, with the smallest `t` for which the
/// palette fits; slots left over go to the most frequent colours not yet taken. Every pixel is
/// then mapped to its nearest palette colour (squared RGB distance, ties to the more frequent).
/// Equal images give the equal palette and equal indices.
struct ColourQuantizer {
    /// The palette, most frequent colour first.
    let palette: [PackedRGB]
    /// Each colour seen, to its palette index.
    private let index: [PackedRGB: UInt8]

    /// The palette of at most `capacity` (1…256) colours for `images` (each a list of pixels).
    init(images: [[PackedRGB]], capacity: Int) {
        precondition(capacity >= 1 && capacity <= 256, "a palette holds 1…256 colours, not \(capacity)")
        var counts: [PackedRGB: Int] = [:]
        for image in images {
            for pixel in image { counts[pixel, default: 0] += 1 }
        }
        // Most frequent first; equal counts in colour order, so the order never depends on hashing.
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        let palette = ranked.count <= capacity ? ranked : Self.spread(ranked, capacity: capacity)
        var index: [PackedRGB: UInt8] = [:]
        index.reserveCapacity(ranked.count)
        for colour in ranked { index[colour] = UInt8(Self.nearest(colour, in: palette)) }
        self.palette = palette
        self.index = index
    }

    /// The palette indices of `image`'s pixels (each must be among the images quantized).
    func indices(of image: [PackedRGB]) -> [UInt8] {
        image.map { index[$0]! }
    }

    /// Squared distance between two colours in RGB.
    static func distance(_ a: PackedRGB, _ b: PackedRGB) -> Int {
        let dr = Int((a >> 16) & 0xFF) - Int((b >> 16) & 0xFF)
        let dg = Int((a >> 8) & 0xFF) - Int((b >> 8) & 0xFF)
        let db = Int(a & 0xFF) - Int(b & 0xFF)
        return dr * dr + dg * dg + db * db
    }

    /// The index of the palette colour nearest `colour` (the first, so the most frequent, on ties).
    static func nearest(_ colour: PackedRGB, in palette: [PackedRGB]) -> Int {
        var best = 0
        var bestDistance = Int.max
        for (i, candidate) in palette.enumerated() {
            let d = distance(colour, candidate)
            if d < bestDistance {
                best = i
                bestDistance = d
                if d == 0 { break }
            }
        }
        return best
    }

    /// `capacity` colours of `ranked` (most frequent first) that cover the others closely.
    private static func spread(_ ranked: [PackedRGB], capacity: Int) -> [PackedRGB] {
        // The colours taken at separation t, or nil once more than `capacity` would be taken.
        func taken(_ t: Int) -> [Int]? {
            var chosen: [Int] = []
            var colours: [PackedRGB] = []
            for (rank, colour) in ranked.enumerated() where colours.allSatisfy({ distance(colour, $0) > t }) {
                if chosen.count == capacity { return nil }
                chosen.append(rank)
                colours.append(colour)
            }
            return chosen
        }
        // The smallest separation that fits: doubling, then bisection (3 × 255² is the widest).
        var high = 1
        while taken(high) == nil { high *= 2 }
        var low = high / 2
        while high - low > 1 {
            let middle = (low + high) / 2
            if taken(middle) == nil { low = middle } else { high = middle }
        }
        var chosen = Set(taken(high)!)
        for rank in ranked.indices where chosen.count < capacity { chosen.insert(rank) }
        return chosen.sorted().map { ranked[$0] }
    }
}
