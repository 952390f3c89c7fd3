// Which OpenBLAS kernels a CPU is restarted with when the library did not recognise it.

import NeuralCore
import Testing

@Suite("BLAS kernels — the fastest a CPU can run, when OpenBLAS fell back to Prescott's")
struct BLASKernelTests {
    @Test("AVX-512 (F, BW, DQ, VL) gets SkylakeX, AVX2 with FMA Haswell, anything older nothing")
    func kernelsFromFlags() {
        let avx2: Set<String> = ["sse2", "sse4_2", "avx", "avx2", "fma"]
        #expect(fastestKernels(cpuFlags: avx2.union(["avx512f", "avx512bw", "avx512dq", "avx512vl"])) == "SkylakeX")
        // AVX-512 Foundation alone (Knights Landing) lacks the byte/word and vector-length parts.
        #expect(fastestKernels(cpuFlags: avx2.union(["avx512f"])) == "Haswell")
        #expect(fastestKernels(cpuFlags: avx2) == "Haswell")
        #expect(fastestKernels(cpuFlags: ["sse2", "avx", "avx2"]) == nil)
        #expect(fastestKernels(cpuFlags: []) == nil)
    }

    @Test("The kernels in use have a name")
    func kernelName() {
        #expect(!blasKernelName.isEmpty)
    }
}
