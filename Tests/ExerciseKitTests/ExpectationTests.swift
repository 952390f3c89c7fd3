// ExerciseKit's comparisons: they pass what is right, fail what is wrong, and name the mistake.

import ExerciseKit
import NeuralCore
import Testing

@Suite("ExerciseKit — comparisons and diagnoses")
struct ExpectationTests {
    let expected = Matrix([[1, -2], [0.5, 3]])

    func failure(_ body: () throws -> Void) -> CheckFailure? {
        do {
            try body()
            return nil
        } catch let failure as CheckFailure {
            return failure
        } catch {
            return CheckFailure("unexpected \(error)")
        }
    }

    @Test("equal matrices pass; a wrong entry is named with its index and both values")
    func worstEntry() throws {
        try expectClose(expected, expected, "δ")
        var wrong = expected
        wrong = wrong.zipWith(Matrix([[0, 0], [0, 0.25]])) { $0 + $1 }
        let found = try #require(failure { try expectClose(wrong, expected, "δ") })
        #expect(found.lines[0].contains("δ[1, 1] = 3, got 3.25"))
        #expect(found.diagnosis == nil)
    }

    @Test("the generic probes: flipped sign, constant factor, transpose, shape, NaN")
    func genericProbes() throws {
        #expect(failure { try expectClose(-expected, expected, "g") }?.diagnosis?.contains("sign is flipped") == true)
        #expect(failure { try expectClose(expected * 4, expected, "g") }?.diagnosis?.contains("times 4") == true)
        #expect(
            failure { try expectClose(expected.transposed, expected, "g") }?.diagnosis?.contains("transpose") == true)
        let tall = Matrix([[1], [2], [3]])
        #expect(failure { try expectClose(tall.transposed, tall, "g") }?.diagnosis?.contains("transposed") == true)
        let nan = Matrix([[1, .nan], [0.5, 3]])
        #expect(failure { try expectClose(nan, expected, "g") }?.diagnosis?.contains("non-finite") == true)
    }

    @Test("a matching Diagnosis candidate comes before the generic probes")
    func namedDiagnosis() throws {
        let found = failure {
            try expectClose(-expected, expected, "g", diagnoses: [Diagnosis("σ′ is missing") { -expected }])
        }
        #expect(found?.diagnosis == "σ′ is missing")
    }

    @Test("gradients compare in relative error against central differences")
    func gradients() throws {
        let numeric = expected.map { $0 * (1 + 1e-8) }
        try expectGradient(expected, matches: numeric, "∂C/∂w")
        let found = failure { try expectGradient(expected * 0.5, matches: numeric, "∂C/∂w") }
        #expect(found?.lines[0].contains("central differences") == true)
        #expect(found?.diagnosis?.contains("times 0.5") == true)
    }

    @Test("a check turns NotDone into not done, a failure into failed with its diagnosis")
    func checkStatus() {
        #expect(Check("stub") { throw NotDone("9.9") }.run().status == .notDone)
        let failed = Check("wrong") { try expectClose(2.0, 1.0, "x", diagnoses: [Diagnosis("doubled", scalar: { 2 })]) }
            .run()
        #expect(failed.status == .failed)
        #expect(failed.diagnosis == "doubled")
        #expect(Check("right") { try expectClose(1.0, 1.0, "x") }.run().status == .passed)
    }
}
