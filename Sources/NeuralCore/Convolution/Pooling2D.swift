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
        var output = FeatureMaps.empty
        var cache = Cache(inputChannels: 0, inputBatch: 0, inputHeight: 0, inputWidth: 0, argmax: [])
        forward(input, into: &output, cache: &cache)
        return (output, cache)
    }

    /// The forward pass writing into buffers kept from the previous mini-batch.
    public func forward(_ input: FeatureMaps, into output: inout FeatureMaps, cache: inout Cache) {
        let (h, w) = (input.height, input.width)
        let (oh, ow) = (outputSize(h), outputSize(w))
        let planes = input.channels * input.batch
        FeatureMaps.prepare(&output, channels: input.channels, batch: input.batch, height: oh, width: ow)
        let argmaxCount = kind == .max ? planes * oh * ow : 0
        if cache.argmax.count != argmaxCount { cache.argmax = [Int32](repeating: 0, count: argmaxCount) }
        let (size, stride, isMax) = (self.size, self.stride, kind == .max)
        let scale = 1 / Double(size * size)
        input.values.elements.withUnsafeBufferPointer { source in
            output.values.elements.withUnsafeMutableBufferPointer { target in
                cache.argmax.withUnsafeMutableBufferPointer { where_ in
                    var out = 0
                    for plane in 0..<planes {
                        let base = plane * h * w
                        for oy in 0..<oh {
                            for ox in 0..<ow {
                                let corner = base + oy * stride * w + ox * stride
                                if isMax {
                                    var best = corner
                                    if size == 2 {
                                        // The chapter's 2×2 windows, unrolled.
                                        let right = corner + 1
                                        let below = corner + w
                                        if source[right] > source[best] { best = right }
                                        if source[below] > source[best] { best = below }
                                        if source[below + 1] > source[best] { best = below + 1 }
                                    } else {
                                        for dy in 0..<size {
                                            for dx in 0..<size where source[corner + dy * w + dx] > source[best] {
                                                best = corner + dy * w + dx
                                            }
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
        cache.inputChannels = input.channels
        cache.inputBatch = input.batch
        cache.inputHeight = h
        cache.inputWidth = w
    }

    /// Eq. 6.10–6.11 (backward) — ∂C/∂x from g = ∂C/∂(output). Max: each g goes whole to the
    /// input that was the window's maximum, every other input of the window gets 0. Average:
    /// each input of the window gets g / size². Overlapping windows add up.
    public func backward(_ upstream: FeatureMaps, cache: Cache) -> FeatureMaps {
        var result = FeatureMaps.empty
        backward(upstream, cache: cache, into: &result)
        return result
    }

    /// The backward pass writing into a reused buffer. With `positiveOnly` (max pooling only),
    /// a gradient reaches its arg-max only where that input is > 0: max pooling and the ReLU
    /// derivative below it in one pass (ReLU′ is 1 exactly where the pooled input is positive).
    public func backward(
        _ upstream: FeatureMaps, cache: Cache, into result: inout FeatureMaps, positiveOnly input: Matrix? = nil
    ) {
        let (h, w) = (cache.inputHeight, cache.inputWidth)
        let (oh, ow) = (outputSize(h), outputSize(w))
        precondition(
            upstream.channels == cache.inputChannels && upstream.batch == cache.inputBatch && upstream.height == oh
                && upstream.width == ow,
            "Pooling2D.backward: gradient \(upstream.shapeDescription) does not match output \(cache.inputChannels)×\(cache.inputBatch)×\(oh)×\(ow)"
        )
        FeatureMaps.prepare(
            &result, channels: cache.inputChannels, batch: cache.inputBatch, height: h, width: w)
        let planes = cache.inputChannels * cache.inputBatch
        let (size, stride) = (self.size, self.stride)
        let scale = 1 / Double(size * size)
        upstream.values.elements.withUnsafeBufferPointer { g in
            result.values.elements.withUnsafeMutableBufferPointer { dx in
                dx.update(repeating: 0)
                if kind == .max {
                    cache.argmax.withUnsafeBufferPointer { where_ in
                        if let input {
                            precondition(input.count == dx.count, "positiveOnly input must have the input's shape")
                            input.elements.withUnsafeBufferPointer { a in
                                for k in 0..<g.count {
                                    let at = Int(where_[k])
                                    if a[at] > 0 { dx[at] += g[k] }
                                }
                            }
                        } else {
                            for k in 0..<g.count { dx[Int(where_[k])] += g[k] }
                        }
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
    }
}
