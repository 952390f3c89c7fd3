import NeuralCore
import Testing

/// The BLAS thread count the products choose, and the one OpenBLAS has, must never disagree:
/// a stale count would make `useThreads` skip a change that is needed.
@Suite("BLAS threads — the recorded count is OpenBLAS's count", .serialized)
struct BLASThreadTests {
    /// 256·256·256 multiply-adds: above the one-thread threshold, so it asks for every core.
    static func largeProduct() {
        let a = Matrix(rows: 256, columns: 256, repeating: 0.5)
        _ = a * a
    }

    /// 2·2·2 multiply-adds: always one thread.
    static func smallProduct() {
        let a = Matrix(rows: 2, columns: 2, repeating: 0.5)
        _ = a * a
    }

    static func expectInSync(_ moment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let state = blasThreadState()
        #expect(
            state.recorded == state.openBLAS, "\(moment): recorded \(state.recorded), OpenBLAS \(state.openBLAS)",
            sourceLocation: sourceLocation)
    }

    @Test("setBLASThreads caps every later product, and the recorded count follows it")
    func capIsKeptAndRecorded() {
        defer {
            setBLASThreads(processorCount)
            Self.expectInSync("after lifting the cap")
        }
        Self.largeProduct()
        Self.expectInSync("after a large product")

        setBLASThreads(1)
        Self.expectInSync("right after setBLASThreads(1)")
        #expect(blasThreadState().openBLAS == 1)

        // A small product, then a large one: the large one must not go back to all cores.
        Self.smallProduct()
        Self.largeProduct()
        Self.expectInSync("after a small and a large product under the cap")
        #expect(blasThreadState().openBLAS == 1)
        #expect(blasThreadState().allowed == 1)
    }

    @Test("withSingleThreadedBLAS runs large products on one thread")
    func singleThreadedBlock() {
        withSingleThreadedBLAS {
            Self.largeProduct()
            Self.expectInSync("inside withSingleThreadedBLAS")
            #expect(blasThreadState().openBLAS == 1)
            #expect(blasThreadState().allowed == 1)
            withSingleThreadedBLAS { Self.largeProduct() }
            // The inner block ending does not lift the outer one.
            #expect(blasThreadState().allowed == 1)
        }
        Self.expectInSync("after withSingleThreadedBLAS")
    }
}
