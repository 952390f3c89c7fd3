// Building an exercise package with SwiftPM, and turning its output into the learner's own
// messages: progress lines dropped, generated paths replaced by the files the learner edits.

import Foundation

struct Builder: Sendable {
    var packages: ExercisePackages
    var swift: String

    init(packages: ExercisePackages) throws {
        self.packages = packages
        guard let swift = Subprocess.find("swift") else {
            throw Catalog.LoadError(description: "`swift` is not on PATH; the workbook needs the Swift toolchain")
        }
        self.swift = swift
    }

    enum Outcome {
        case built(program: URL)
        case failed(messages: String)
    }

    /// The flags every exercise build uses: the tests' optimized debug build (see FAST in the
    /// Makefile), so checks that train a network take seconds.
    static let flags = ["-Xswiftc", "-O"]

    func build(package: URL, product: String) throws -> Outcome {
        let finished = try Subprocess.run(
            swift, ["build", "--package-path", package.path, "--product", product] + Self.flags)
        let program = package.appendingPathComponent(".build/debug/\(product)")
        if finished.ending == .exited(0) { return .built(program: program) }
        return .failed(messages: learnerMessages(finished.output + "\n" + finished.errors))
    }

    /// Compiler messages with the generated copies' paths replaced by the files they copy.
    func learnerMessages(_ output: String) -> String {
        var replacements: [(String, String)] = []
        let root = packages.catalog.root
        for exercise in packages.catalog.exercises {
            let folder = packages.learnerPackage.appendingPathComponent(ExercisePackages.learnerTarget(exercise)).path
            replacements.append((folder + "/Learner.swift", exercise.relativePath(of: exercise.file, root: root)))
            replacements.append((folder + "/Checks.swift", exercise.relativePath(of: exercise.checks, root: root)))
            if let support = exercise.checkSupport {
                replacements.append((folder + "/CheckSupport.swift", exercise.relativePath(of: support, root: root)))
            }
            // In the verify package: the reference as it is, stubs and mistakes as made from it.
            let verify = packages.verifyPackage.path
            let solution = exercise.relativePath(of: exercise.solution, root: root)
            replacements.append(("\(verify)/\(ExercisePackages.referenceTarget(exercise))/Exercise.swift", solution))
            replacements.append(
                ("\(verify)/\(ExercisePackages.stubTarget(exercise))/Exercise.swift", "the stub made from \(solution)"))
        }
        let noise = [
            "Building for", "Build complete", "Compiling", "Write ", "Planning build", "Fetching", "Computing",
            "Resolving", "Fetched", "Computed", "Creating working copy", "Working copy", "error: fatalError",
        ]
        let kept = output.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.first == "[", trimmed.dropFirst().first?.isNumber == true { return false }
            return !noise.contains { trimmed.hasPrefix($0) }
        }
        // SwiftPM prints each diagnostic twice (as it compiles, and again at the end): keep the first.
        var blocks: [[Substring]] = []
        for line in kept {
            let starts = line.range(of: #"^\S+:\d+:\d+: (error|warning|note):"#, options: .regularExpression) != nil
            if starts || blocks.isEmpty { blocks.append([]) }
            blocks[blocks.count - 1].append(line)
        }
        var seen = Set<String>()
        var unique: [String] = []
        for block in blocks {
            let text = block.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty, seen.insert(text).inserted { unique.append(text) }
        }
        var text = unique.joined(separator: "\n\n")
        for (generated, real) in replacements { text = text.replacingOccurrences(of: generated, with: real) }
        return text
    }
}
