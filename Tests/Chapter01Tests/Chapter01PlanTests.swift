import TestSupport
import Testing

@testable import Chapter01

@Suite("Chapter 01 — the plan --list prints is the notes' sections")
struct Chapter01PlanTests {
    @Test("The plan's sections are the notes' sections, in order, with their titles")
    func planMatchesNotes() throws {
        let mismatches = try PlanCheck.mismatches(PerceptronsChapter.plan, chapter: "01")
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test("--help shows every knob with the notes' value as its default")
    func helpShowsDefaults() throws {
        let hidden = try PlanCheck.knobsHidingDefaults(PerceptronKnobs.self)
        #expect(hidden.isEmpty, "\(hidden)")
    }
}
