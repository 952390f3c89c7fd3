// .ci/deps, which `make test` and `make run` call first: one line per install step on the
// terminal, the package manager's output in a log it names, silent when nothing is missing.

import Foundation
import TestSupport
import Testing

/// Runs `.ci/deps` with `arguments`, `PATH` starting with `pathPrefix`; status, standard output
/// and standard error.
private func runDeps(_ arguments: [String], pathPrefix: URL? = nil, temporary: URL) throws -> (
    status: Int32, output: String, errors: String
) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [TestPaths.packageRoot.appendingPathComponent(".ci/deps").path] + arguments
    var environment = ProcessInfo.processInfo.environment
    if let pathPrefix { environment["PATH"] = pathPrefix.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin") }
    environment["TMPDIR"] = temporary.path
    process.environment = environment
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, out, err)
}

/// Writes an executable script.
private func script(_ url: URL, _ text: String) throws {
    try Data(("#!/bin/bash\n" + text).utf8).write(to: url)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
}

@Suite("The install script — one line per step, the rest in a log")
struct DependencyScriptTests {
    @Test("On a machine with every library, .ci/deps says nothing and succeeds")
    func everythingInstalled() throws {
        let (status, output, errors) = try runDeps([], temporary: try TestPaths.scratchFolder())
        #expect(status == 0)
        #expect(output.isEmpty && errors.isEmpty, "\(output)\(errors)")
    }

    @Test(
        "A fresh machine (a stand-in apt-get printing 200 lines per call) sees one line per step",
        .enabled(if: getuid() == 0, "as another user the script would need sudo"))
    func freshMachine() throws {
        let folder = try TestPaths.scratchFolder()
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        // pkg-config finds a module once the stand-in apt-get has "installed" its package.
        try script(bin.appendingPathComponent("pkg-config"), "[ -f \"\(bin.path)/has-$2\" ]\n")
        try script(
            bin.appendingPathComponent("apt-get"),
            """
            for i in $(seq 200); do echo "Unpacking part $i ..."; done
            echo "debconf: a warning" >&2
            case "$4" in
              libopenblas-dev) touch "\(bin.path)/has-openblas" ;;
              libpng-dev) touch "\(bin.path)/has-libpng" ;;
              libgif-dev) touch "\(bin.path)/has-libgif" ;;
              libcairo2-dev) touch "\(bin.path)/has-cairo" ;;
              libgraphviz-dev) touch "\(bin.path)/has-libgvc" ;;
              zlib1g-dev) touch "\(bin.path)/has-zlib" ;;
            esac

            """)
        let (status, output, errors) = try runDeps([], pathPrefix: bin, temporary: folder)
        #expect(status == 0, "\(errors)")
        let lines = output.split(separator: "\n")
        // The heading naming the log, apt-get update, six packages, the closing line.
        #expect(lines.count == 9, "\(output)")
        #expect(lines.filter { $0.contains("installing ") && $0.hasSuffix("done") }.count == 6)
        #expect(output.contains("libgraphviz-dev: Graphviz, to lay out the diagrams … done"))
        #expect(!output.contains("Unpacking") && !errors.contains("debconf"))
        let logs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".log") }
        #expect(logs.count == 1)
        let log = try String(contentsOf: folder.appendingPathComponent(logs[0]), encoding: .utf8)
        #expect(output.contains(folder.appendingPathComponent(logs[0]).path))
        #expect(log.contains("Unpacking part 200") && log.contains("debconf: a warning"))
    }

    @Test(
        "A failing install stops with the log's last lines and the command to run by hand",
        .enabled(if: getuid() == 0, "as another user the script would need sudo"))
    func failingInstall() throws {
        let folder = try TestPaths.scratchFolder()
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try script(bin.appendingPathComponent("pkg-config"), "exit 1\n")
        try script(bin.appendingPathComponent("apt-get"), "echo 'E: Could not get lock' >&2; exit 100\n")
        let (status, output, errors) = try runDeps([], pathPrefix: bin, temporary: folder)
        #expect(status == 1)
        #expect(output.contains("updating the package index (apt-get update) … failed"))
        #expect(errors.contains("E: Could not get lock"))
        #expect(errors.contains("sudo apt-get update && sudo apt-get install -y libopenblas-dev"))
    }

    @Test("--dry-run lists every step of a fresh install and installs nothing")
    func dryRun() throws {
        let folder = try TestPaths.scratchFolder()
        let (status, output, _) = try runDeps(["--dry-run"], temporary: folder)
        #expect(status == 0)
        #expect(output.split(separator: "\n").filter { $0.hasSuffix("(dry run)") }.count == 9)
        #expect(output.contains("installing fonts-dejavu-core: DejaVu Sans"))
    }
}
