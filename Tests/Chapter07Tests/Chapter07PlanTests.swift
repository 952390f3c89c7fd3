import TestSupport
import Testing

@testable import Chapter07

@Suite("Chapter 07 — the plan --list prints is the notes' sections; --help shows the defaults")
struct Chapter07PlanTests {
    @Test("The plan's sections are the notes' sections, in order, with their titles")
    func planMatchesNotes() throws {
        try PlanCheck.expectMatchesNotes(RecurrentChapter.plan, chapter: "07")
    }

    @Test("--help shows every knob with the notes' value as its default")
    func helpShowsDefaults() throws {
        try PlanCheck.expectHelpShowsDefaults(RecurrentKnobs.self)
    }
}
