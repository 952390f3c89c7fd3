// OpenBLAS chooses its kernels for the CPU once, when the library loads. A CPU newer than the
// library is not recognised and gets the kernels of a 2004 Pentium 4 (Prescott, SSE3): Debian 12's
// OpenBLAS 0.3.21 predates Intel's Sapphire and Emerald Rapids, and on those its products run
// three to four times slower than the AVX-512 kernels it ships for Skylake-X. The library reads
// the environment variable OPENBLAS_CORETYPE only at load time, so the remedy is to set it and
// start the program again.

import CBLAS
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The name of the kernels OpenBLAS chose for this CPU ("Haswell", "Zen", "SkylakeX", …).
public var blasKernelName: String { String(cString: openblas_get_corename()) }

/// When OpenBLAS fell back to its Prescott kernels on a CPU that has AVX-512 or AVX2 (it did not
/// recognise a newer CPU), sets OPENBLAS_CORETYPE to the best kernels the CPU can run (SkylakeX,
/// else Haswell) and restarts the program with the same arguments; otherwise returns at once.
///
/// Call it first thing in `main`, before anything is printed or written. A reader's own
/// OPENBLAS_CORETYPE is always respected. Linux only (elsewhere it returns).
public func restartWithFastestBLASKernelsIfNeeded() {
    #if os(Linux)
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
            blasKernelName.lowercased() == "prescott",
            let kernels = fastestKernels(cpuFlags: cpuFlags())
        else { return }
        setenv("OPENBLAS_CORETYPE", kernels, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    // Only reached when the restart failed: carry on with the slow kernels.
    #endif
}

/// The OpenBLAS kernels for a CPU with these feature flags (as /proc/cpuinfo lists them), when
/// better than Prescott's: SkylakeX for AVX-512 (F, BW, DQ, VL), Haswell for AVX2 with FMA.
package func fastestKernels(cpuFlags flags: Set<String>) -> String? {
    if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512dq", "avx512vl"]) { return "SkylakeX" }
    if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
    return nil
}

/// The feature flags of the first processor in /proc/cpuinfo (empty where there is none). The
/// kernel lists only what it has enabled, so AVX-512 appears only where its registers are saved.
private func cpuFlags() -> Set<String> {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
        let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
        let colon = line.firstIndex(of: ":")
    else { return [] }
    return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
}
