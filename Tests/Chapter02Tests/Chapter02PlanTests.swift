import TestSupport
import Testing

@testable import Chapter02

@Suite("Chapter 02 — the plan --list prints is the notes' sections")
struct Chapter02PlanTests {
    @Test("The plan's sections are the notes' sections, in order, with their titles")
    func planMatchesNotes() throws {
        try PlanCheck.expectMatchesNotes(SigmoidNeuronsChapter.plan, chapter: "02")
    }

    @Test("--help shows every knob with the notes' value as its default")
    func helpShowsDefaults() throws {
        try PlanCheck.expectHelpShowsDefaults(DescentKnobs.self)
    }
}
