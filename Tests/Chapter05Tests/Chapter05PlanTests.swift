import TestSupport
import Testing

@testable import Chapter05

@Suite("Chapter 05 — the plan --list prints is the notes' sections; --help shows the defaults")
struct Chapter05PlanTests {
    @Test("The plan's sections are the notes' sections, in order, with their titles")
    func planMatchesNotes() throws {
        let mismatches = try PlanCheck.mismatches(RegularizationChapter.plan, chapter: "05")
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test("--help shows every knob with the notes' value as its default")
    func helpShowsDefaults() throws {
        let hidden = try PlanCheck.knobsHidingDefaults(RegularizationKnobs.self)
        #expect(hidden.isEmpty, "\(hidden)")
    }
}
