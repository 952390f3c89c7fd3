// The main of every fuzz program. Built by `make fuzz` (-sanitize=fuzzer, -D FUZZING) it hands
// control to libFuzzer's driver, which calls LLVMFuzzerTestOneInput below with each input and
// takes libFuzzer's options; built normally it replays the files or folders it is given.

#if FUZZING
    import CFuzzer
    import Foundation

    /// The target this process fuzzes, set once by `FuzzMain.run` before the driver starts.
    nonisolated(unsafe) private var fuzzedTarget = FuzzTarget.idx

    /// libFuzzer's per-input entry point.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        fuzzedTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
#endif

public enum FuzzMain {
    /// Fuzzes (or replays inputs through) `target`, with this process's command line.
    public static func run(_ target: FuzzTarget) throws {
        #if FUZZING
            fuzzedTarget = target
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(
                LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                    data.map { fuzzOneInput($0, size) } ?? 0
                })
        #else
            try FuzzReplay.main(target)
        #endif
    }
}
