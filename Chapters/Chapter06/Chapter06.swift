// Temporary probe.
import Foundation
import NeuralCore

func secs(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
var gen = SeededGenerator(seed: 1)
var net = ConvolutionalNetwork(inputHeight: 28, inputWidth: 28, convolutions: [(5, 20, 2), (5, 40, 2)], hidden: [100], classes: 10, using: &gen)
let batch = 64
var times: [String: Double] = [:]
@MainActor func timed(_ name: String, _ body: () -> Void) { let s = ContinuousClock.now; body(); times[name, default: 0] += secs(ContinuousClock.now - s) }
let data = LabeledData(examples: Matrix.uniform(6400, 784, low: 0, high: 1, using: &gen), labels: (0..<6400).map { $0 % 10 }, classes: 10)
var cache = ConvolutionalNetwork.Cache()
let reps = 100
for r in 0..<reps {
    let idx = Array((r % 100 * 64)..<(r % 100 * 64 + 64))
    var x = FeatureMaps.empty
    timed("input") { x = net.input(data, indices: idx) }
    let y = data.batch(indices: idx)
    if cache.stages.isEmpty { cache.stages = [ConvolutionStage.Cache(), ConvolutionStage.Cache()] }
    for i in 0..<2 {
        let st = net.stages[i]
        let inp = i == 0 ? x : cache.stages[0].output
        timed("im2col\(i)") { Im2Col.patches(inp, geometry: st.convolution.geometry, into: &cache.stages[i].convolution.patches) }
        cache.stages[i].convolution.batch = batch
        let g = st.convolution.geometry
        FeatureMaps.prepare(&cache.stages[i].z, channels: g.outputChannels, batch: batch, height: g.outputHeight, width: g.outputWidth)
        timed("gemm fwd\(i)") { cache.stages[i].z.values.addProduct(st.convolution.weights, cache.stages[i].convolution.patches, beta: 0) }
        FeatureMaps.prepare(&cache.stages[i].a, like: cache.stages[i].z)
        timed("relu\(i)") { ElementwiseActivation.apply(.relu, z: cache.stages[i].z.values, into: &cache.stages[i].a.values) }
        var sc = ConvolutionStage.Cache(); swap(&sc, &cache.stages[i])
        timed("pool\(i)") { st.pooling!.forward(sc.a, into: &sc.output, cache: &sc.pooling) }
        swap(&sc, &cache.stages[i])
    }
    var flat = Matrix(rows: 0, columns: 0)
    timed("flatten") { flat = Flatten.forward(cache.stages[1].output) }
    var dc: [DenseLayer.Cache] = []
    timed("dense fwd") { dc = net.dense.forwardPass(flat, generator: &gen) }
    cache.dense = dc
    var res: Network.Backpropagation!
    timed("dense bwd") { res = net.dense.backpropagate(caches: dc, target: y, cost: LogLikelihoodCost()) }
    var up = FeatureMaps.empty
    timed("flatten bwd") { up = Flatten.backward(net.dense.layers[0].propagate(delta: res.deltas[0]), channels: 40, height: 4, width: 4) }
    for i in [1, 0] {
        let st = net.stages[i]
        var sc = ConvolutionStage.Cache(); swap(&sc, &cache.stages[i])
        timed("pool bwd\(i)") { st.pooling!.backward(up, cache: sc.pooling, into: &sc.delta) }
        timed("relu bwd\(i)") { ElementwiseActivation.backward(.relu, z: sc.z.values, a: sc.a.values, gradient: &sc.delta.values) }
        swap(&sc, &cache.stages[i])
        timed("gemm dW\(i)") { _ = st.convolution.gradients(delta: cache.stages[i].delta, cache: cache.stages[i].convolution, scale: 1.0 / 64) }
        if i == 1 {
            var cc = cache.stages[1].convolution
            if cc.patches.rows > 0 {}
            var sc = ConvolutionStage.Cache(); swap(&sc, &cache.stages[1])
            timed("gemm dX1+col2im") { st.convolution.propagate(delta: sc.delta, cache: &sc.convolution, into: &sc.inputGradient) }
            swap(&sc, &cache.stages[1])
            _ = cc
            cc = .empty
            up = cache.stages[1].inputGradient
        }
    }
    var m = Momentum(learningRate: 0.01)
    var grads = net.parameters
    timed("step") { net.updateParameters { p in m.step(&p, gradients: grads) } }
    grads = []
}
for (k, v) in times.sorted(by: { $0.value > $1.value }) { print(k, String(format: "%.2f ms/batch  -> %.2f s/epoch", v / Double(reps) * 1000, v / Double(reps) * 938)) }
print("total", times.values.reduce(0, +) / Double(reps) * 938)
