import TestSupport
import Testing

@testable import Chapter02

@Suite("Chapter 02 — the plan --list prints is the notes' sections")
struct Chapter02PlanTests {
    @Test("The plan's sections are the notes' sections, in order, with their titles")
    func planMatchesNotes() throws {
        let mismatches = try PlanCheck.mismatches(SigmoidNeuronsChapter.plan, chapter: "02")
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test("--help shows every knob with the notes' value as its default")
    func helpShowsDefaults() throws {
        let hidden = try PlanCheck.knobsHidingDefaults(DescentKnobs.self)
        #expect(hidden.isEmpty, "\(hidden)")
    }
}
