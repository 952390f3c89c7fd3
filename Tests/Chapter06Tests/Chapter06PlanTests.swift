import TestSupport
import Testing

@testable import Chapter06

@Suite("Chapter 06 — the plan --list prints is the notes' sections; --help shows the defaults")
struct Chapter06PlanTests {
    @Test("The plan's sections are the notes' sections, in order, with their titles")
    func planMatchesNotes() throws {
        let mismatches = try PlanCheck.mismatches(ConvolutionChapter.plan, chapter: "06")
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test("--help shows every knob with the notes' value as its default")
    func helpShowsDefaults() throws {
        let hidden = try PlanCheck.knobsHidingDefaults(Chapter06Knobs.self)
        #expect(hidden.isEmpty, "\(hidden)")
    }
}
