// The workbook's benchmark: how fast the core multiplies matrices and trains the MNIST networks
// of Chapters 03–04. Run it in a release build:
//
//     swift run -c release WorkbookBenchmark [--data FOLDER] [--out output/benchmark.json]
//
// It prints a table and writes the same numbers as JSON. Nothing in the tests depends on them.

import ChapterRunner
import Foundation
import NeuralCore

struct Row: Codable {
    var name: String
    var value: Double
    var unit: String
    var note: String
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

/// Peak resident memory of this process in bytes (VmHWM from /proc/self/status).
func peakResidentBytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kilobytes * 1024
    }
    return 0
}

/// Resets the kernel's peak-resident mark (VmHWM) to the current size, so the next section's
/// peak is measured on its own ("5" to /proc/self/clear_refs; Linux only, ignored elsewhere).
func resetPeakResident() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

let arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
let dataFolder = option("--data").map { URL(fileURLWithPath: $0) }
let outURL = URL(fileURLWithPath: option("--out") ?? "output/benchmark.json")
let repeats = Int(option("--repeats") ?? "3") ?? 3
#if DEBUG
    print("warning: this is a debug build; run `swift run -c release WorkbookBenchmark` for real numbers")
#endif

var rows: [Row] = []
@MainActor func report(_ row: Row) {
    rows.append(row)
    let value = row.value >= 100 ? String(format: "%.0f", row.value) : String(format: "%.3f", row.value)
    print(
        "  \(row.name.padding(toLength: 52, withPad: " ", startingAt: 0)) \(value.leftPadded(10)) \(row.unit.padding(toLength: 10, withPad: " ", startingAt: 0)) \(row.note)"
    )
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

print("Neural Workbook benchmark (median of \(repeats))\n")

// MARK: GEMM through Matrix against raw dgemm
for n in [64, 256, 1024] {
    let flops = 2 * Double(n) * Double(n) * Double(n)
    let inner = max(1, 200_000_000 / Int(flops))
    var generator = SeededGenerator(seed: 1)
    let a = Matrix.gaussian(n, n, using: &generator)
    let b = Matrix.gaussian(n, n, using: &generator)
    let wrapped = (0..<repeats).map { _ in
        let start = ContinuousClock.now
        for _ in 0..<inner { _ = a * b }
        return seconds(ContinuousClock.now - start) / Double(inner)
    }
    let raw = (0..<repeats).map { _ in seconds(rawDGEMMDuration(n: n, repeats: inner)) }
    report(Row(name: "GEMM \(n)×\(n) through Matrix", value: flops / median(wrapped) / 1e9, unit: "GFLOP/s", note: ""))
    report(Row(name: "GEMM \(n)×\(n) raw cblas_dgemm", value: flops / median(raw) / 1e9, unit: "GFLOP/s", note: ""))
}

// MARK: MNIST training epochs
var dataGenerator = SeededGenerator(seed: 1)
let loaded = try DatasetLoader.load(.mnist, dataFolder: dataFolder, generator: &dataGenerator)
print("\n  \(loaded.notice)\n")
// Converting only the 50,000 training images (not all 60,000, then a copy) keeps memory low.
let training = LabeledData(loaded.train.subset(0..<min(50_000, loaded.train.count)))
let test = LabeledData(loaded.test)

@MainActor func epochSeconds(
    sizes: [Int], hidden: Activation, output: Activation, cost: any Cost, batch: Int, eta: Double
)
    throws -> (Double, Network)
{
    var times: [Double] = []
    var last: Network?
    for trial in 0..<repeats {
        var generator = SeededGenerator(seed: UInt64(trial + 1))
        var network = Network(sizes: sizes, hidden: hidden, output: output, using: &generator)
        var optimizer = SGD(learningRate: eta)
        let options = TrainingOptions(epochs: 1, batchSize: batch, cost: cost)
        let start = ContinuousClock.now
        _ = try Trainer.train(&network, on: training, options: options, optimizer: &optimizer, generator: &generator)
        times.append(seconds(ContinuousClock.now - start))
        last = network
    }
    return (median(times), last!)
}

let (classic, classicNetwork) = try epochSeconds(
    sizes: [784, 30, 10], hidden: .sigmoid, output: .sigmoid, cost: QuadraticCost(), batch: 10, eta: 3)
report(
    Row(
        name: "epoch [784,30,10] sigmoid, quadratic, batch 10", value: classic, unit: "s/epoch",
        note: "\(training.count) images"))
let (wide, _) = try epochSeconds(
    sizes: [784, 100, 10], hidden: .sigmoid, output: .softmax, cost: LogLikelihoodCost(), batch: 64, eta: 0.5)
report(
    Row(
        name: "epoch [784,100,10] softmax, log-likelihood, batch 64", value: wide, unit: "s/epoch",
        note: "\(training.count) images"))

let inference = (0..<repeats).map { _ in
    let start = ContinuousClock.now
    _ = Evaluation.accuracy(classicNetwork, on: test)
    return seconds(ContinuousClock.now - start)
}
report(
    Row(
        name: "inference [784,30,10]", value: Double(test.count) / median(inference), unit: "images/s",
        note: "chunks of 1,000"))
report(Row(name: "peak resident memory, dense", value: peakResidentBytes() / 1_048_576, unit: "MiB", note: ""))

// Each section's peak is its own: the kernel's high-water mark is reset between them.
resetPeakResident()
recurrentRows()
gatedRows()
report(Row(name: "peak resident memory, recurrent", value: peakResidentBytes() / 1_048_576, unit: "MiB", note: ""))

resetPeakResident()
try convolutionBenchmark(dataFolder: dataFolder, repeats: repeats)
report(Row(name: "peak resident memory, convolutional", value: peakResidentBytes() / 1_048_576, unit: "MiB", note: ""))

let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
try AtomicFile.write(try encoder.encode(rows), to: outURL)
print("\nWritten to \(outURL.path)")
