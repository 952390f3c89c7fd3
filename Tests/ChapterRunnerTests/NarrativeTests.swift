import ChapterRunner
import Testing

@Suite("Narrative — wrapping, tables and number formats")
struct NarrativeTests {
    @Test("Paragraphs wrap at the width without splitting words")
    func wrapping() {
        let text = String(repeating: "word ", count: 50)
        let lines = Narrative.wrap(text, width: 30).split(separator: "\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= 30 })
        #expect(lines.joined(separator: " ").split(separator: " ").count == 50)
    }

    @Test("Tables pad columns and right-align numbers")
    func tables() {
        let table = Narrative.table(["name", "value"], [["a", "1.5"], ["long name", "10.25"]])
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[2].hasSuffix("  1.5"))
        #expect(lines[3].hasSuffix("10.25"))
        #expect(Set(lines.map(\.count)).count == 1)
    }

    @Test(
        "Number formats",
        arguments: [
            (0.5, 3, "0.500"), (-0.0001, 2, "0.00"), (2.0 / 3, 4, "0.6667"), (-1.25, 1, "-1.2"), (12.0, 0, "12"),
        ])
    func decimals(value: Double, decimals: Int, expected: String) {
        #expect(formatted(value, decimals: decimals) == expected)
    }

    @Test("Significant digits")
    func significant() {
        #expect(formatted(0.000123456, significant: 3) == "0.000123")
        #expect(formatted(123456.0, significant: 2) == "1.2e+05")
    }

    @Test("whole numbers are grouped in thousands as the notes print them")
    func thousands() {
        #expect(grouped(0) == "0")
        #expect(grouped(999) == "999")
        #expect(grouped(1000) == "1,000")
        #expect(grouped(100_000) == "100,000")
        #expect(grouped(1_234_567) == "1,234,567")
        #expect(grouped(-85_670) == "−85,670")
    }
}
