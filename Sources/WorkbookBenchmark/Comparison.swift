// `--against pytorch`: this benchmark and the PyTorch reference (Reference/pytorch_reference.py)
// run in alternation, one section at a time, for several rounds; the table gives each side's
// median over the rounds, its range, and their ratio. Both sides run on the same machine in the
// same minutes, so the ratio holds where absolute times drift with the machine's load.

import ChapterRunner
import Foundation
import NeuralCore

/// The reference script, found next to this file in the source tree the benchmark was built from.
let referenceScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Reference/pytorch_reference.py")

/// The sections both sides measure (PyTorch has no counterpart of the raw GEMM rows).
let comparedSections = ["dense", "recurrent", "convolution"]

/// One row of the comparison: each side's measurements over the rounds.
struct ComparedRow: Codable {
    var name: String
    var unit: String
    var workbook: [Double] = []
    var pytorch: [Double] = []

    /// Workbook time over PyTorch time: below 1 the workbook is faster. Rates (per second) are
    /// inverted so the ratio always reads as time.
    var timeRatio: Double? {
        guard !workbook.isEmpty, !pytorch.isEmpty else { return nil }
        let w = median(workbook)
        let p = median(pytorch)
        return unit.hasSuffix("/s") ? p / w : w / p
    }
}

/// The PyTorch row a workbook row without one of its own is compared with: the row it varies
/// (", two shards, single-precision products" varies the row before both).
func comparedCounterpart(of name: String) -> String? {
    let variations = [", single-precision products", ", two shards"]
    var base = Substring(name)
    while let suffix = variations.first(where: { base.hasSuffix($0) }) { base = base.dropLast(suffix.count) }
    return base.count < name.count ? String(base) : nil
}

/// Why a side could not be measured, in one line.
struct ComparisonError: Error {
    var message: String
}

/// Runs `executable` with `arguments`, returning its standard output; standard error passes
/// through unless `quiet`.
func run(_ executable: URL, _ arguments: [String], quiet: Bool = false) throws(ComparisonError) -> Data {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if quiet { process.standardError = FileHandle.nullDevice }
    let output = Pipe()
    process.standardOutput = output
    do { try process.run() } catch {
        throw ComparisonError(message: "cannot start \(executable.path): \(error.localizedDescription)")
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ComparisonError(
            message:
                "\(executable.lastPathComponent) \(arguments.joined(separator: " ")) exited with status \(process.terminationStatus)"
        )
    }
    return data
}

/// The workbook's rows for one section, measured by a child run of this executable.
func workbookRows(section: String, options: BenchmarkOptions) throws(ComparisonError) -> [Row] {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-benchmark-\(UUID()).json")
    defer { try? FileManager.default.removeItem(at: file) }
    var arguments = ["--only", section, "--repeats", "\(options.repeats)", "--out", file.path]
    if let folder = options.dataFolder { arguments += ["--data", folder.path] }
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    _ = try run(executable, arguments)
    do { return try JSONDecoder().decode([Row].self, from: Data(contentsOf: file)) } catch {
        throw ComparisonError(message: "the workbook's \(section) rows could not be read: \(error)")
    }
}

/// PyTorch's rows for one section, from the reference script.
func pytorchRows(section: String, options: BenchmarkOptions) throws(ComparisonError) -> [Row] {
    var arguments = [options.python, referenceScript.path, "--only", section, "--repeats", "\(options.repeats)"]
    if let folder = options.dataFolder { arguments += ["--data", folder.path] }
    let data = try run(URL(fileURLWithPath: "/usr/bin/env"), arguments)
    do { return try JSONDecoder().decode([PyTorchRow].self, from: data).map(\.row) } catch {
        throw ComparisonError(message: "the PyTorch reference printed no table: \(error)")
    }
}

/// A row as the Python script prints it (no range: one median per run).
struct PyTorchRow: Codable {
    var name: String
    var value: Double
    var unit: String
    var note: String
    var row: Row { Row(name: name, value: value, unit: unit, note: note) }
}

/// Checks that the reference can run at all, so a missing PyTorch costs one line, not a round.
func checkPyTorch(_ options: BenchmarkOptions) throws(ComparisonError) -> String {
    guard FileManager.default.fileExists(atPath: referenceScript.path) else {
        throw ComparisonError(
            message:
                "the reference script \(referenceScript.path) is missing; run the benchmark from the workbook's source tree"
        )
    }
    let probe = "import torch, sys; sys.stdout.write(torch.__version__)"
    do {
        let version = try run(URL(fileURLWithPath: "/usr/bin/env"), [options.python, "-c", probe], quiet: true)
        return String(decoding: version, as: UTF8.self)
    } catch {
        throw ComparisonError(
            message:
                "\(options.python) cannot import torch: install it (pip install torch) or pass --python PATH to a Python that has it"
        )
    }
}

/// The processor's name, for the line that says where the numbers were measured.
func processorName() -> String {
    "\(processorInfo("model name") ?? "unknown processor"), \(ProcessInfo.processInfo.activeProcessorCount) cores"
}

/// `--against pytorch`: alternate the two sides and print the ratios. Returns the exit status.
@MainActor func compareWithPyTorch(_ options: BenchmarkOptions) -> Int32 {
    #if DEBUG
        print("warning: this is a debug build; the comparison means something only with -c release")
    #endif
    let sections = comparedSections.filter(options.sections.contains)
    guard !sections.isEmpty else {
        FileHandle.standardError.write(
            Data(
                "WorkbookBenchmark: --against compares the sections dense, recurrent and convolution; choose one of them\n"
                    .utf8))
        return 2
    }
    do {
        let version = try checkPyTorch(options)
        let machine = processorName()
        print(
            "Workbook (Double, or Float products where a row says single-precision) against PyTorch \(version) (float32, 2 threads) on \(machine):"
        )
        print(
            "\(options.rounds == 1 ? "1 round" : "\(options.rounds) rounds"), each section measured by both in turn (the order alternates by round).\n"
        )
        var table: [String: ComparedRow] = [:]
        var order: [String] = []
        for round in 0..<options.rounds {
            for section in sections {
                let workbookFirst = round % 2 == 0
                for side in workbookFirst ? ["workbook", "PyTorch"] : ["PyTorch", "workbook"] {
                    let start = ContinuousClock.now
                    let rows =
                        side == "workbook"
                        ? try workbookRows(section: section, options: options)
                        : try pytorchRows(section: section, options: options)
                    print("  round \(round + 1) · \(section) · \(side) · \(Int(seconds(since: start).rounded())) s")
                    for row in rows {
                        if table[row.name] == nil {
                            table[row.name] = ComparedRow(name: row.name, unit: row.unit)
                            order.append(row.name)
                        }
                        if side == "workbook" {
                            table[row.name]!.workbook.append(row.value)
                        } else {
                            table[row.name]!.pytorch.append(row.value)
                        }
                    }
                }
            }
        }
        // Rows of the workbook with no PyTorch row of their own are compared with the row they
        // vary (PyTorch's CNN is float32 throughout: the counterpart of both precisions here).
        for name in order where table[name]!.pytorch.isEmpty {
            if let base = comparedCounterpart(of: name), let reference = table[base]?.pytorch {
                table[name]!.pytorch = reference
            }
        }
        let compared = order.compactMap { table[$0] }
        printComparison(compared)
        if let outURL = options.outURL {
            let report = ComparisonReport(machine: machine, pytorch: version, rounds: options.rounds, rows: compared)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try AtomicFile.write(try encoder.encode(report), to: outURL)
            print("\nWritten to \(outURL.path)")
        }
        return 0
    } catch let error as ComparisonError {
        FileHandle.standardError.write(Data("WorkbookBenchmark: \(error.message)\n".utf8))
        return 1
    } catch {
        FileHandle.standardError.write(Data("WorkbookBenchmark: \(error)\n".utf8))
        return 1
    }
}

/// What `--against pytorch --out FILE` writes.
struct ComparisonReport: Codable {
    var machine: String
    var pytorch: String
    var rounds: Int
    var rows: [ComparedRow]
}

/// The comparison table: medians with ranges, and the time ratio where both sides measured.
func printComparison(_ rows: [ComparedRow]) {
    func cell(_ values: [Double]) -> String {
        guard !values.isEmpty else { return "—" }
        let range = values.count > 1 ? " (\(shortNumber(values.min()!))–\(shortNumber(values.max()!)))" : ""
        return shortNumber(median(values)) + range
    }
    print()
    print(
        "  \("".padding(toLength: 66, withPad: " ", startingAt: 0)) \("unit".padding(toLength: 9, withPad: " ", startingAt: 0)) \("workbook".padding(toLength: 26, withPad: " ", startingAt: 0)) \("PyTorch".padding(toLength: 26, withPad: " ", startingAt: 0)) time ratio"
    )
    for row in rows {
        let ratio = row.timeRatio.map { String(format: "%.2f", $0) } ?? "—"
        print(
            "  \(row.name.padding(toLength: 66, withPad: " ", startingAt: 0)) \(row.unit.padding(toLength: 9, withPad: " ", startingAt: 0)) \(cell(row.workbook).padding(toLength: 26, withPad: " ", startingAt: 0)) \(cell(row.pytorch).padding(toLength: 26, withPad: " ", startingAt: 0)) \(ratio)"
        )
    }
    print(
        """

          time ratio = the workbook's time over PyTorch's for the same work (rates inverted): below 1 the
          workbook is faster. Medians over the rounds, ranges in brackets.
        """)
}
