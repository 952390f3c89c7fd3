import TestSupport
import Testing

@testable import Chapter07

@Suite("Chapter 07 — the plan --list prints is the notes' sections; --help shows the defaults")
struct Chapter07PlanTests {
    @Test("The plan's sections are the notes' sections, in order, with their titles")
    func planMatchesNotes() throws {
        let mismatches = try PlanCheck.mismatches(RecurrentChapter.plan, chapter: "07")
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test("--help shows every knob with the notes' value as its default")
    func helpShowsDefaults() throws {
        let hidden = try PlanCheck.knobsHidingDefaults(RecurrentKnobs.self)
        #expect(hidden.isEmpty, "\(hidden)")
    }
}
