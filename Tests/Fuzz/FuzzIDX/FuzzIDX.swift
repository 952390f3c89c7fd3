// FuzzTarget.idx as a program. Built by `make fuzz` (-sanitize=fuzzer, -D FUZZING) it is a
// libFuzzer fuzzer taking libFuzzer's options; built normally it replays the files or folders it
// is given, once each.

import FuzzTargets

#if FUZZING
    import CFuzzer
    import Foundation

    /// libFuzzer's per-input entry point.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        FuzzTarget.idx.run(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
#endif

@main struct FuzzIDX {
    static func main() throws {
        #if FUZZING
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(
                LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                    FuzzTarget.idx.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
                    return 0
                })
        #else
            try FuzzReplay.main(FuzzTarget.idx)
        #endif
    }
}
