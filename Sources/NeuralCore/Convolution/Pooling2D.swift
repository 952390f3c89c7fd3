// Max and average pooling over size × size windows moved `stride` pixels at a time, each map of
// each example on its own, with their backward passes: max pooling routes the gradient to the
// arg-max of each window (Eq. 6.10), average pooling spreads it evenly (Eq. 6.11).

/// A pooling layer. It has no parameters.
public struct Pooling2D: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable, Codable {
        case max
        case average
    }

    public var kind: Kind
    public var size: Int
    public var stride: Int

    public init(_ kind: Kind, size: Int, stride: Int? = nil) {
        precondition(size >= 1, "pooling window must be at least 1, got \(size)")
        self.kind = kind
        self.size = size
        self.stride = stride ?? size
        precondition(self.stride >= 1, "pooling stride must be at least 1")
    }

    public var description: String { "\(kind == .max ? "max" : "average")-pool \(size)×\(size)" }

    /// Output size along one axis: (W − size)/stride + 1 (Eq. 6.3 with no padding).
    public func outputSize(_ input: Int) -> Int {
        ConvolutionGeometry.outputSize(input: input, kernel: size, padding: 0, stride: stride)
    }

    /// What the backward pass needs: the input's shape and, for max pooling, where each
    /// window's maximum was (an index into the input's values).
    public struct Cache: Sendable {
        public var inputChannels: Int
        public var inputBatch: Int
        public var inputHeight: Int
        public var inputWidth: Int
        public var argmax: [Int32]
    }

    /// Eq. 6.10–6.11 (forward) — each output is the maximum, or the mean, of its window.
    public func forward(_ input: FeatureMaps) -> (output: FeatureMaps, cache: Cache) {
        let (h, w) = (input.height, input.width)
        let (oh, ow) = (outputSize(h), outputSize(w))
        let planes = input.channels * input.batch
        var output = FeatureMaps(channels: input.channels, batch: input.batch, height: oh, width: ow)
        var argmax = kind == .max ? [Int32](repeating: 0, count: planes * oh * ow) : []
        let (size, stride, isMax) = (self.size, self.stride, kind == .max)
        let scale = 1 / Double(size * size)
        input.values.elements.withUnsafeBufferPointer { source in
            output.values.elements.withUnsafeMutableBufferPointer { target in
                argmax.withUnsafeMutableBufferPointer { where_ in
                    var out = 0
                    for plane in 0..<planes {
                        let base = plane * h * w
                        for oy in 0..<oh {
                            for ox in 0..<ow {
                                let corner = base + oy * stride * w + ox * stride
                                if isMax {
                                    var best = corner
                                    for dy in 0..<size {
                                        for dx in 0..<size where source[corner + dy * w + dx] > source[best] {
                                            best = corner + dy * w + dx
                                        }
                                    }
                                    target[out] = source[best]
                                    where_[out] = Int32(best)
                                } else {
                                    var sum = 0.0
                                    for dy in 0..<size {
                                        for dx in 0..<size { sum += source[corner + dy * w + dx] }
                                    }
                                    target[out] = sum * scale
                                }
                                out += 1
                            }
                        }
                    }
                }
            }
        }
        let cache = Cache(
            inputChannels: input.channels, inputBatch: input.batch, inputHeight: h, inputWidth: w, argmax: argmax)
        return (output, cache)
    }

    /// Eq. 6.10–6.11 (backward) — ∂C/∂x from g = ∂C/∂(output). Max: each g goes whole to the
    /// input that was the window's maximum, every other input of the window gets 0. Average:
    /// each input of the window gets g / size². Overlapping windows add up.
    public func backward(_ upstream: FeatureMaps, cache: Cache) -> FeatureMaps {
        let (h, w) = (cache.inputHeight, cache.inputWidth)
        let (oh, ow) = (outputSize(h), outputSize(w))
        precondition(
            upstream.channels == cache.inputChannels && upstream.batch == cache.inputBatch && upstream.height == oh
                && upstream.width == ow,
            "Pooling2D.backward: gradient \(upstream.shapeDescription) does not match output \(cache.inputChannels)×\(cache.inputBatch)×\(oh)×\(ow)"
        )
        var result = FeatureMaps(channels: cache.inputChannels, batch: cache.inputBatch, height: h, width: w)
        let planes = cache.inputChannels * cache.inputBatch
        let (size, stride) = (self.size, self.stride)
        let scale = 1 / Double(size * size)
        upstream.values.elements.withUnsafeBufferPointer { g in
            result.values.elements.withUnsafeMutableBufferPointer { dx in
                if kind == .max {
                    cache.argmax.withUnsafeBufferPointer { where_ in
                        for k in 0..<g.count { dx[Int(where_[k])] += g[k] }
                    }
                } else {
                    var k = 0
                    for plane in 0..<planes {
                        let base = plane * h * w
                        for oy in 0..<oh {
                            for ox in 0..<ow {
                                let share = g[k] * scale
                                let corner = base + oy * stride * w + ox * stride
                                for dy in 0..<size {
                                    for dx_ in 0..<size { dx[corner + dy * w + dx_] += share }
                                }
                                k += 1
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}
