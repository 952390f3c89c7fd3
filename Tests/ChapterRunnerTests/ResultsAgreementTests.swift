import ChapterRunner
import TestSupport
import Testing

/// The tests' judge of "the same results" must accept what `--only` runs legitimately change (the
/// last bits of a BLAS sum), inside arrays too, and nothing more.
@Suite("Results agree as .ci/compare-results judges them")
struct ResultsAgreementTests {
    @Test("Numbers agree to 1e-9 relative, alone and inside arrays and objects; anything larger differs")
    func tolerance() {
        let curve = JSONValue.array([.number(3.3520282043179570), .number(2.906168882281439)])
        let rounded = JSONValue.array([.number(3.3520282043179574), .number(2.906168882281425)])
        #expect(ChapterRunCheck.agree(curve, rounded))
        #expect(ChapterRunCheck.agree(.object(["curve": curve]), .object(["curve": rounded])))
        #expect(!ChapterRunCheck.agree(curve, .array([.number(3.3520282), .number(2.906168882281439)])))
        #expect(!ChapterRunCheck.agree(curve, .array([.number(3.3520282043179570)])))
        #expect(!ChapterRunCheck.agree(.object(["a": .number(1)]), .object(["b": .number(1)])))
        #expect(!ChapterRunCheck.agree(.string("1.000"), .string("1.0000")))
        #expect(!ChapterRunCheck.agree(.number(1), nil))
    }
}
