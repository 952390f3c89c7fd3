// The workbook's benchmark: how fast the core multiplies matrices and trains the MNIST networks
// of Chapters 03–04. Run it in a release build:
//
//     swift run -c release WorkbookBenchmark [--data FOLDER] [--out output/benchmark.json]
//
// It prints a table and writes the same numbers as JSON. Nothing in the tests depends on them.

import ChapterRunner
import Foundation
import NeuralCore

/// One line of the table: the median of its measurements, with their smallest and largest.
struct Row: Codable {
    var name: String
    var value: Double
    var unit: String
    var note: String
    /// The smallest and largest measurement (equal to `value` for a single one or a count).
    var low: Double
    var high: Double

    init(name: String, value: Double, unit: String, note: String) {
        self.init(name: name, measurements: [value], unit: unit, note: note)
    }

    /// A row for repeated measurements: their median, and their range as the spread.
    init(name: String, measurements: [Double], unit: String, note: String) {
        precondition(!measurements.isEmpty, "a row needs at least one measurement")
        self.name = name
        self.value = median(measurements)
        self.unit = unit
        self.note = note
        self.low = measurements.min()!
        self.high = measurements.max()!
    }
}

/// The middle value (the upper middle one of an even count).
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

let usage = """
    usage: swift run -c release WorkbookBenchmark [--data FOLDER] [--out FILE] [--repeats N] [--only SECTIONS]
           swift run -c release WorkbookBenchmark --against pytorch [--rounds N] [--python PATH] [--only SECTIONS]
      --data FOLDER      where MNIST lives (as for the chapters; otherwise generated digits)
      --out FILE         the JSON table (default output/benchmark.json; with --only or --against, written only when given)
      --repeats N        runs per row, the median is reported (default 3; 1 per round with --against)
      --only SECTIONS    comma-separated, any of: gemm, dense, recurrent, convolution (default all)
      --against pytorch  run this benchmark and the PyTorch reference (Reference/pytorch_reference.py, needs
                         `pip install torch`) in alternation, section by section, and print the ratios
      --rounds N         alternating rounds for --against; medians and ranges over the rounds (default 3)
      --python PATH      the Python that has PyTorch (default: $WORKBOOK_PYTHON, else python3)
    """
let sectionNames = ["gemm", "dense", "recurrent", "convolution"]

/// The benchmark's command line, checked before anything is measured.
struct BenchmarkOptions {
    var dataFolder: URL?
    var outURL: URL?
    var repeats = 3
    var sections = Set(sectionNames)
    /// `--against pytorch`: alternate with the PyTorch reference instead of measuring once.
    var againstPyTorch = false
    var rounds = 3
    var python = ProcessInfo.processInfo.environment["WORKBOOK_PYTHON"] ?? "python3"
    /// Whether `--repeats` was given (with --against the default is one run per round).
    var explicitRepeats = false

    /// Parses `arguments`, or returns the one line that says what is wrong.
    static func parse(_ arguments: [String]) -> Result<BenchmarkOptions, BenchmarkUsageError> {
        var options = BenchmarkOptions()
        var explicitOut: URL?
        var only = false
        var index = 0
        func value(_ name: String) throws(BenchmarkUsageError) -> String {
            guard index + 1 < arguments.count else { throw BenchmarkUsageError("\(name) needs a value") }
            index += 1
            return arguments[index]
        }
        do throws(BenchmarkUsageError) {
            while index < arguments.count {
                switch arguments[index] {
                case "--data": options.dataFolder = URL(fileURLWithPath: try value("--data"))
                case "--out": explicitOut = URL(fileURLWithPath: try value("--out"))
                case "--repeats":
                    let text = try value("--repeats")
                    guard let n = Int(text), (1...100).contains(n) else {
                        throw BenchmarkUsageError("--repeats takes a whole number from 1 to 100, not '\(text)'")
                    }
                    options.repeats = n
                    options.explicitRepeats = true
                case "--only":
                    let names = try value("--only").split(separator: ",").map(String.init)
                    for name in names where !sectionNames.contains(name) {
                        throw BenchmarkUsageError(
                            "--only: unknown section '\(name)'; choose from \(sectionNames.joined(separator: ", "))")
                    }
                    guard !names.isEmpty else { throw BenchmarkUsageError("--only needs at least one section") }
                    options.sections = Set(names)
                    only = true
                case "--against":
                    let text = try value("--against")
                    guard text == "pytorch" else {
                        throw BenchmarkUsageError("--against compares with 'pytorch' only, not '\(text)'")
                    }
                    options.againstPyTorch = true
                case "--rounds":
                    let text = try value("--rounds")
                    guard let n = Int(text), (1...20).contains(n) else {
                        throw BenchmarkUsageError("--rounds takes a whole number from 1 to 20, not '\(text)'")
                    }
                    options.rounds = n
                case "--python": options.python = try value("--python")
                case "--help", "-h": throw BenchmarkUsageError.help
                default:
                    throw BenchmarkUsageError("unknown option '\(arguments[index])'; run with --help for the options")
                }
                index += 1
            }
        } catch {
            return .failure(error)
        }
        options.outURL =
            explicitOut ?? (only || options.againstPyTorch ? nil : URL(fileURLWithPath: "output/benchmark.json"))
        if options.againstPyTorch && !options.explicitRepeats { options.repeats = 1 }
        return .success(options)
    }
}

struct BenchmarkUsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
    static let help = BenchmarkUsageError("")
}

let options: BenchmarkOptions
switch BenchmarkOptions.parse(Array(CommandLine.arguments.dropFirst())) {
case .success(let parsed): options = parsed
case .failure(let error) where error.message.isEmpty:
    print(usage)
    exit(0)
case .failure(let error):
    FileHandle.standardError.write(Data("WorkbookBenchmark: \(error.message)\n".utf8))
    exit(2)
}
restartWithFasterBLASKernelsIfNeeded()  // as the chapters do
keepFreedBuffersForReuse()
let dataFolder = options.dataFolder
if options.againstPyTorch {
    exit(compareWithPyTorch(options))
}
let repeats = options.repeats
#if DEBUG
    print("warning: this is a debug build; run `swift run -c release WorkbookBenchmark` for real numbers")
#endif

var rows: [Row] = []
@MainActor func report(_ row: Row) {
    rows.append(row)
    let spread = row.low == row.high ? "" : "(\(shortNumber(row.low))–\(shortNumber(row.high)))"
    print(
        "  \(row.name.padding(toLength: 66, withPad: " ", startingAt: 0)) \(shortNumber(row.value).leftPadded(10)) \(spread.padding(toLength: 18, withPad: " ", startingAt: 0)) \(row.unit.padding(toLength: 10, withPad: " ", startingAt: 0)) \(row.note)"
    )
}

/// A measurement as the table prints it: whole above 100, three decimals below.
func shortNumber(_ value: Double) -> String {
    value >= 100 ? String(format: "%.0f", value) : String(format: "%.3f", value)
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

print("Neural Workbook benchmark (median of \(repeats), range in brackets)")
print("OpenBLAS kernels: \(blasKernelName), \(processorCount) cores\n")

// MARK: GEMM through Matrix against raw dgemm
for n in options.sections.contains("gemm") ? [64, 256, 1024] : [] {
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
    report(
        Row(
            name: "GEMM \(n)×\(n) through Matrix", measurements: wrapped.map { flops / $0 / 1e9 }, unit: "GFLOP/s",
            note: ""))
    report(
        Row(
            name: "GEMM \(n)×\(n) raw cblas_dgemm", measurements: raw.map { flops / $0 / 1e9 }, unit: "GFLOP/s",
            note: ""))
}

// MARK: MNIST training epochs
if options.sections.contains("dense") {
    try denseRows()
}

// Each section's peak is its own: the kernel's high-water mark is reset between them.
if options.sections.contains("recurrent") {
    resetPeakResident()
    recurrentRows()
    gatedRows()
    report(Row(name: "peak resident memory, recurrent", value: peakResidentBytes() / 1_048_576, unit: "MiB", note: ""))
}

if options.sections.contains("convolution") {
    resetPeakResident()
    try convolutionBenchmark(dataFolder: dataFolder, repeats: repeats)
    report(
        Row(name: "peak resident memory, convolutional", value: peakResidentBytes() / 1_048_576, unit: "MiB", note: ""))
}

if let outURL = options.outURL {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try AtomicFile.write(try encoder.encode(rows), to: outURL)
    print("\nWritten to \(outURL.path)")
}
