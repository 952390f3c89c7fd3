import TestSupport
import Testing

@testable import Chapter08

@Suite("Chapter 08 — the plan --list prints is the notes' sections; --help shows the defaults")
struct Chapter08PlanTests {
    @Test("The plan's sections are the notes' sections, in order, with their titles")
    func planMatchesNotes() throws {
        let mismatches = try PlanCheck.mismatches(GatedChapter.plan, chapter: "08")
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test("--help shows every knob with the notes' value as its default")
    func helpShowsDefaults() throws {
        let hidden = try PlanCheck.knobsHidingDefaults(GatedKnobs.self)
        #expect(hidden.isEmpty, "\(hidden)")
    }
}
