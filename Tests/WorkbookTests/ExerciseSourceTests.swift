// The reference is the one source of an exercise: the stub and every known mistake are made from
// it. These tests pin how, and check that every exercise in the checkout is complete.

import Foundation
import Testing

@testable import Workbook

@Suite("Workbook — stubs and mistakes made from the reference")
struct ExerciseSourceTests {
    let reference = """
        /// Doc.
        func f(x: Double) throws -> Double {
            // BEGIN SOLUTION
            let y = x * 2
            return y + 1
            // END SOLUTION
        }

        func g() throws -> Int {
            // BEGIN SOLUTION
            3
            // END SOLUTION
        }
        """

    @Test("the stub replaces every body by throw NotDone, at the body's indentation")
    func stub() throws {
        let stub = try ExerciseSource.stub(fromReference: reference, file: "r.swift", exercise: "9.1")
        #expect(
            stub == """
                /// Doc.
                func f(x: Double) throws -> Double {
                    throw NotDone("9.1")  // replace this line with your code
                }

                func g() throws -> Int {
                    throw NotDone("9.1")  // replace this line with your code
                }
                """)
    }

    @Test("a mistake replaces the bodies it gives, in order, and keeps the ones it marks")
    func splice() throws {
        let mistake = """
            // Mistake: off by one.
            // Diagnosis: one too many
            // SAME AS REFERENCE
            // NEXT REGION
            4

            """
        let spliced = try ExerciseSource.splice(
            reference: reference, referenceFile: "r.swift", mistake: mistake, mistakeFile: "m.swift")
        #expect(spliced.contains("    let y = x * 2\n    return y + 1\n}"))
        #expect(spliced.contains("func g() throws -> Int {\n    4\n}"))
        #expect(!spliced.contains("BEGIN SOLUTION"))
    }

    @Test("a one-line mistake replaces exactly that line of the solution, keeping its indentation")
    func replaceLine() throws {
        let mistake = "// Mistake: doubled.\n// Diagnosis: 2\n// REPLACE: let y = x * 2\n// WITH: let y = x * 4\n"
        let spliced = try ExerciseSource.splice(
            reference: reference, referenceFile: "r.swift", mistake: mistake, mistakeFile: "m.swift")
        #expect(spliced.contains("    let y = x * 4\n    return y + 1"))
        #expect(!spliced.contains("x * 2"))
        #expect(throws: ExerciseSource.FormatError.self) {
            try ExerciseSource.splice(
                reference: reference, referenceFile: "r.swift", mistake: "// REPLACE: no such line\n// WITH: x",
                mistakeFile: "m.swift")
        }
    }

    @Test("unbalanced markers and too many mistake bodies are refused, naming the file")
    func malformed() {
        #expect(throws: ExerciseSource.FormatError.self) {
            try ExerciseSource.stub(fromReference: "// BEGIN SOLUTION\nx\n", file: "r.swift", exercise: "1")
        }
        #expect(throws: ExerciseSource.FormatError.self) {
            try ExerciseSource.stub(fromReference: "func f() {}", file: "r.swift", exercise: "1")
        }
        #expect(throws: ExerciseSource.FormatError.self) {
            try ExerciseSource.splice(
                reference: reference, referenceFile: "r.swift", mistake: "1\n// NEXT REGION\n2\n// NEXT REGION\n3",
                mistakeFile: "m.swift")
        }
    }

    @Test("every exercise of the checkout is complete: files, three hints, a known mistake with a diagnosis")
    func catalogComplete() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let catalog = try Catalog.load(root: root)
        #expect(catalog.exercises.count >= 6)
        #expect(Set(catalog.exercises.map(\.id)).count == catalog.exercises.count, "exercise ids are unique")
        for exercise in catalog.exercises {
            for url in [exercise.file, exercise.checks, exercise.solution] {
                #expect(FileManager.default.fileExists(atPath: url.path), "\(exercise.id): \(url.lastPathComponent)")
            }
            #expect(exercise.hints.count == 3, "\(exercise.id) has \(exercise.hints.count) hints")
            #expect(exercise.equation.hasPrefix("Eq. "), "\(exercise.id) names its equation")
            #expect(!exercise.mistakes.isEmpty, "\(exercise.id) has a known mistake")
            for url in exercise.mistakes {
                let mistake = try Catalog.mistake(at: url, exercise: exercise)
                #expect(!mistake.diagnosis.isEmpty)
            }
            let text = try String(contentsOf: exercise.solution, encoding: .utf8)
            _ = try ExerciseSource.stub(fromReference: text, file: exercise.solution.path, exercise: exercise.id)
        }
    }
}
