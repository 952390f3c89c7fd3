// Section 6.2: classic image kernels as convolution filters — blur, sharpen, Sobel x and y, edge
// magnitude and emboss — applied by one Convolution2D layer with a kernel per output channel.

import ChapterRunner
import Figures
import Foundation
import NeuralCore

/// The hand-designed 3×3 kernels of section 6.2.
enum ImageKernels {
    /// A Gaussian-like blur: weights 1-2-1 ⊗ 1-2-1, summing to 1.
    static let blur = Matrix([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 16
    /// Sharpen: the pixel five times minus its four neighbours (an identity plus a Laplacian).
    static let sharpen = Matrix([[0, -1, 0], [-1, 5, -1], [0, -1, 0]])
    /// Sobel x: the horizontal derivative (right minus left), smoothed vertically. Positive on a
    /// dark-to-bright edge from left to right.
    static let sobelX = Matrix([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    /// Sobel y: the vertical derivative (below minus above), smoothed horizontally.
    static let sobelY = Matrix([[-1, -2, -1], [0, 0, 0], [1, 2, 1]])
    /// Emboss: bright where the image rises towards the lower right, dark where it falls.
    static let emboss = Matrix([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]])

    static let named: [(name: String, kernel: Matrix)] = [
        ("blur", blur), ("sharpen", sharpen), ("Sobel x", sobelX), ("Sobel y", sobelY), ("emboss", emboss),
    ]

    /// One layer with the five kernels as output channels, padding 1 so the maps keep the
    /// image's size (Eq. 6.3 with F = 3, P = 1, S = 1).
    static func layer(height: Int, width: Int) -> Convolution2D {
        let geometry = ConvolutionGeometry(
            inputChannels: 1, outputChannels: named.count, inputHeight: height, inputWidth: width, kernel: 3,
            padding: 1)
        let weights = Matrix(rows: named.count, columns: 9, elements: named.flatMap { $0.kernel.elements })
        return Convolution2D(geometry: geometry, weights: weights, biases: Matrix(rows: named.count, columns: 1))
    }

    /// Every kernel applied to `image`, then the edge magnitude √(Gx² + Gy²) from the two Sobel maps.
    static func apply(to image: Matrix) -> [(name: String, map: Matrix)] {
        let maps = layer(height: image.rows, width: image.columns).forward(FeatureMaps(image: image)).z
        var result = named.indices.map { (named[$0].name, maps.map(channel: $0, example: 0)) }
        let gx = result[2].1
        let gy = result[3].1
        result.append(("edge magnitude", gx.zipWith(gy) { ($0 * $0 + $1 * $1).squareRoot() }))
        return result
    }

    /// A generated test image: a bright square, a ring and a diagonal bar on a left-to-right ramp.
    static func testImage(size: Int = 48) -> Matrix {
        Matrix(rows: size, columns: size) { y, x in
            let (fy, fx) = (Double(y) / Double(size), Double(x) / Double(size))
            var value = 0.25 * fx
            if fx > 0.1 && fx < 0.4 && fy > 0.1 && fy < 0.4 { value = 1 }
            let r = ((fx - 0.68) * (fx - 0.68) + (fy - 0.3) * (fy - 0.3)).squareRoot()
            if r > 0.12 && r < 0.2 { value = 0.8 }
            if abs(fx - fy + 0.35) < 0.06 && fy > 0.5 { value = 0.9 }
            return value
        }
    }
}

/// 6.2 — image kernels on a digit and on a generated image.
func imageKernels(_ session: ChapterSession, data: ChapterImages) throws {
    session.say(
        """
        Before any learning: hand-made 3×3 kernels already do useful things. One Convolution2D \
        layer with five output channels (blur, sharpen, Sobel x, Sobel y, emboss), padding 1 so \
        each map keeps the image's size, applied to the first training image and to a generated \
        test image. The edge magnitude √(Gx² + Gy²) combines the two Sobel maps. The maps are drawn \
        white at 0, red positive and blue negative: the kernels whose weights sum to 1 on one scale, \
        those whose weights sum to 0 on another.
        """)
    session.table(
        ["kernel", "row 1", "row 2", "row 3", "sum"],
        ImageKernels.named.map { name, k in
            [name] + (0..<3).map { rowText(k.row($0)) } + [formatted(k.sum(), significant: 3)]
        })
    let digit = data.image(data.training, 0)
    let label = data.classNames[data.training.labels[0]]
    let shapes = ImageKernels.testImage()
    for (file, image, what) in [
        ("kernels-digit.png", digit, "a \(data.dataset.displayName) training image (\(label))"),
        ("kernels-test-image.png", shapes, "a generated test image"),
    ] {
        let filtered = ImageKernels.apply(to: image)
        let maps = [(name: "original", map: image)] + filtered
        // Two bands by what a kernel does to a flat region: blur and sharpen (weights summing to 1)
        // keep its value; Sobel (summing to 0) sends it to 0; emboss, the identity plus a sum-zero
        // relief, sits with the edge kernels whose range it shares. One signed scale per band, white at 0.
        let keeps = maps.filter { ["original", "blur", "sharpen"].contains($0.name) }
        let zeros = maps.filter { !["original", "blur", "sharpen"].contains($0.name) }
        let scale = image.columns <= 28 ? 5 : 3
        let bands = [
            ("weights sum to 1: flat regions keep their value", keeps),
            ("edges: Sobel sums to 0 (flat → 0); emboss = identity + relief", zeros),
        ].map { title, group in
            let limit = group.map { $0.map.maxAbs() }.max() ?? 1
            let (grid, height) = MapFigures.signedGrid(
                title: title,
                images: group.map {
                    GridImage(width: image.columns, height: image.rows, values: $0.map.elements, caption: $0.name)
                }, limit: limit, scale: scale, width: Double(Legibility.maximumDisplayWidth), barLabel: "value")
            return FigureStack.Band([grid], height: height)
        }
        try session.writeFile(file) { url in
            let stack = FigureStack(title: "3×3 kernels on \(what); white = 0", bands: bands)
            try stack.write(to: url, metadata: session.metadata(title: "Image kernels on \(what)"))
        }
    }
    // The flat region left of the square has a constant horizontal slope of 0.25/48 per pixel:
    // Sobel x reads 8 × slope there (its weights 1 + 2 + 1 on each side, two pixels apart).
    let sobel = ImageKernels.apply(to: shapes)[2].map
    let slope = 0.25 / 48
    session.say(
        """
        Sobel x on the ramp, away from the shapes, reads \(formatted(sobel[30, 3], significant: 4)) = \
        8 × \(formatted(slope, significant: 4)), eight times the slope per pixel (the weights 1, 2, 1 \
        on each side, two pixels apart): a derivative filter. The blur's weights sum to 1, so flat \
        regions keep their brightness; sharpen's and emboss's also sum to 1; Sobel's sum to 0, so \
        flat regions go to 0. A CNN learns kernels like these instead of being given them.
        """)
    session.record("kernels.sobelXOnRamp", .number(sobel[30, 3]))
}
