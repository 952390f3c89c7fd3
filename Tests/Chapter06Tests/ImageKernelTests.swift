// The image kernels of section 6.2 on tiny images whose answers are known.

import Foundation
import NeuralCore
import TestSupport
import Testing

@testable import Chapter06

@Suite("Chapter 06 — image kernels as convolutions")
struct ImageKernelTests {
    /// A vertical step edge: columns 0–2 are 0, columns 3–5 are 1.
    static let step = Matrix(rows: 6, columns: 6) { _, x in x >= 3 ? 1 : 0 }

    @Test("Eq. 6.1 — Sobel x on a vertical step edge: 4 on the two columns beside the edge, 0 elsewhere")
    func sobelOnStep() {
        let response = DirectConvolution.crossCorrelate(Self.step, ImageKernels.sobelX)
        // Valid output columns 0–3 cover input columns j…j+2; those straddling the edge see
        // (1 + 2 + 1)·(1 − 0) = 4.
        for i in 0..<response.rows {
            #expect(response.row(i) == [0, 4, 4, 0])
        }
        let vertical = DirectConvolution.crossCorrelate(Self.step, ImageKernels.sobelY)
        #expect(vertical.elements.allSatisfy { $0 == 0 }, "no vertical change, no Sobel y response")
    }

    @Test("Eq. 6.1 — blur and sharpen leave a constant image unchanged; Sobel and the edge magnitude give 0")
    func constantImage() {
        let flat = Matrix(rows: 5, columns: 5, repeating: 0.7)
        expectClose(
            DirectConvolution.crossCorrelate(flat, ImageKernels.blur), Matrix(rows: 3, columns: 3, repeating: 0.7),
            tolerance: Tolerance.exactArithmetic)
        expectClose(
            DirectConvolution.crossCorrelate(flat, ImageKernels.sharpen), Matrix(rows: 3, columns: 3, repeating: 0.7),
            tolerance: Tolerance.exactArithmetic)
        let applied = ImageKernels.apply(to: flat)
        // Away from the zero padding (the centre pixel), derivative filters read 0.
        for index in [2, 3, 5] { expectClose(applied[index].map[2, 2], 0, tolerance: Tolerance.exactArithmetic) }
    }

    @Test("Eq. 6.3 — the kernel layer pads by 1 and keeps the image size; the edge magnitude is √(Gx² + Gy²)")
    func layerKeepsSize() {
        let image = ImageKernels.testImage(size: 20)
        let applied = ImageKernels.apply(to: image)
        #expect(applied.count == 6)
        #expect(applied.allSatisfy { $0.map.rows == 20 && $0.map.columns == 20 })
        let gx = DirectConvolution.crossCorrelate(DirectConvolution.padded(image, by: 1), ImageKernels.sobelX)
        expectClose(applied[2].map, gx, tolerance: Tolerance.blasVersusLoop)
        let (x, y) = (7, 11)
        expectClose(
            applied[5].map[y, x],
            (applied[2].map[y, x] * applied[2].map[y, x] + applied[3].map[y, x] * applied[3].map[y, x]).squareRoot(),
            tolerance: Tolerance.exactArithmetic)
    }
}
