import TestSupport
import Testing

@testable import Chapter04

@Suite("Chapter 04 — the plan --list prints is the notes' sections; --help shows the defaults")
struct Chapter04PlanTests {
    @Test("The plan's sections are the notes' sections, in order, with their titles")
    func planMatchesNotes() throws {
        let mismatches = try PlanCheck.mismatches(CrossEntropyChapter.plan, chapter: "04")
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test("--help shows every knob with the notes' value as its default")
    func helpShowsDefaults() throws {
        let hidden = try PlanCheck.knobsHidingDefaults(CrossEntropyKnobs.self)
        #expect(hidden.isEmpty, "\(hidden)")
    }
}
