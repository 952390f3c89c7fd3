// OpenBLAS chooses its kernels for the CPU once, when the library loads. A CPU newer than the
// library is not recognised and gets the kernels of a 2004 Pentium 4 (Prescott, SSE3): Debian 12's
// OpenBLAS 0.3.21 does not know Intel's Emerald Rapids (family 6, model 207), and there an LSTM
// step's products ran 2.2 times as long as with Haswell's kernels and 3.4 times as long as with
// Skylake-X's. The library reads the environment variable
// OPENBLAS_CORETYPE only at load time, so the remedy is to set it and start the program again.
//
// The replacement is Haswell's AVX2 kernels, the ones OpenBLAS also runs on AMD's Zen: the
// committed results were computed with them, and since kernels differ in how they round a long
// sum, the same kernels give the same numbers and figures from the same seed. (Skylake-X's
// AVX-512 kernels are faster still on these CPUs, by about half, but round differently; a reader
// who prefers speed to matching the committed outputs sets OPENBLAS_CORETYPE=SkylakeX.)

import CBLAS
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The name of the kernels OpenBLAS chose for this CPU ("Haswell", "Zen", "SkylakeX", …).
public var blasKernelName: String { String(cString: openblas_get_corename()) }

/// When OpenBLAS fell back to its Prescott kernels on a CPU that can run better ones (it did not
/// recognise a newer CPU), sets OPENBLAS_CORETYPE to them and restarts the program with the same
/// arguments; otherwise returns at once.
///
/// Call it first thing, before anything is printed or written. A reader's own OPENBLAS_CORETYPE
/// is always respected. Linux only (elsewhere it returns).
public func restartWithFasterBLASKernelsIfNeeded() {
    #if os(Linux)
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
            blasKernelName.lowercased() == "prescott",
            let kernels = replacementKernels(
                cpuFlags: Set((processorInfo("flags") ?? "").split(separator: " ").map(String.init)))
        else { return }
        setenv("OPENBLAS_CORETYPE", kernels, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    // Only reached when the restart failed: carry on with the slow kernels.
    #endif
}

/// The kernels to use instead of Prescott's on a CPU with these feature flags (as /proc/cpuinfo
/// lists them): Haswell's where AVX2 and FMA are there, else none.
package func replacementKernels(cpuFlags flags: Set<String>) -> String? {
    flags.isSuperset(of: ["avx2", "fma"]) ? "Haswell" : nil
}

/// The value of `field` ("flags", "model name", …) for the first processor in /proc/cpuinfo, nil
/// where there is no such file or field. The flags list only what the kernel has enabled.
package func processorInfo(_ field: String) -> String? {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
        let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
        let colon = line.firstIndex(of: ":")
    else { return nil }
    return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
}
