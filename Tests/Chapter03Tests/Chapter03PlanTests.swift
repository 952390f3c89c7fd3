import TestSupport
import Testing

@testable import Chapter03

@Suite("Chapter 03 — the plan --list prints is the notes' sections; --help shows the defaults")
struct Chapter03PlanTests {
    @Test("The plan's sections are the notes' sections, in order, with their titles")
    func planMatchesNotes() throws {
        let mismatches = try PlanCheck.mismatches(BackpropagationChapter.plan, chapter: "03")
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test("--help shows every knob with the notes' value as its default")
    func helpShowsDefaults() throws {
        let hidden = try PlanCheck.knobsHidingDefaults(BackpropKnobs.self)
        #expect(hidden.isEmpty, "\(hidden)")
    }
}
