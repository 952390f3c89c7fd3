// Which OpenBLAS kernels a CPU is restarted with when the library did not recognise it.

import NeuralCore
import Testing

@Suite("BLAS kernels — Haswell's instead of Prescott's, where the CPU runs them")
struct BLASKernelTests {
    @Test("AVX2 with FMA (with or without AVX-512) gets Haswell's kernels, anything older none")
    func kernelsFromFlags() {
        let avx2: Set<String> = ["sse2", "sse4_2", "avx", "avx2", "fma"]
        #expect(replacementKernels(cpuFlags: avx2) == "Haswell")
        #expect(replacementKernels(cpuFlags: avx2.union(["avx512f", "avx512bw", "avx512dq", "avx512vl"])) == "Haswell")
        #expect(replacementKernels(cpuFlags: ["sse2", "avx", "avx2"]) == nil)
        #expect(replacementKernels(cpuFlags: ["sse2", "sse3"]) == nil)
        #expect(replacementKernels(cpuFlags: []) == nil)
    }

}
