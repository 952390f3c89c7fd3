// Checks of exercise 6.7 (Eq. 6.6): the chapter's two convolutions, the whole network of §6.5
// against the core's count, and the core's layers on random geometries and image sizes.

import ExerciseKit
import NeuralCore

let checks: [Check] = [
    Check("Eq. 6.6 — the chapter's convolutions: 20 kernels of 5×5 on 1 map (520), 40 of 5×5 on 20 maps (20,040)") {
        for (cin, cout, f, expected) in [(1, 20, 5, 520), (20, 40, 5, 20_040)] {
            try expectEqual(
                try parameterCount(inputChannels: cin, outputChannels: cout, kernelHeight: f, kernelWidth: f), expected,
                "the count for C_in = \(cin), C_out = \(cout), F = \(f)", diagnoses: countMistakes(cin, cout, f, f))
        }
    },
    Check(
        "Eq. 6.6 — the network of §6.5: your two convolutions plus dense 640 → 100 → 10 make the core Network's 85,670"
    ) {
        var generator = SeededGenerator(seed: 75)
        var layers: [any Layer] = []
        var shape = MapShape(channels: 1, height: 28, width: 28)
        var yours = 0
        for (channels, kernel) in [(20, 5), (40, 5)] {
            let geometry = ConvolutionGeometry(
                inputChannels: shape.channels, outputChannels: channels, inputHeight: shape.height,
                inputWidth: shape.width, kernel: kernel)
            let stage = ConvolutionStage(
                convolution: Convolution2D(geometry: geometry, using: &generator), activation: .relu,
                pooling: Pooling2D(.max, size: 2))
            layers.append(stage)
            shape = stage.outputMaps
            yours += try parameterCount(
                inputChannels: geometry.inputChannels, outputChannels: channels, kernelHeight: kernel,
                kernelWidth: kernel)
        }
        layers.append(Flatten())
        layers.append(
            WeightInitialization.he.layer(inputs: shape.count, outputs: 100, activation: .relu, using: &generator))
        layers.append(WeightInitialization.he.layer(inputs: 100, outputs: 10, activation: .softmax, using: &generator))
        let network = Network(input: MapShape(channels: 1, height: 28, width: 28), layers: layers)
        // The dense layers: 640·100 + 100 and 100·10 + 10 (Eq. 6.6 with 1 × 1 "kernels").
        let dense = shape.count * 100 + 100 + 100 * 10 + 10
        try expectEqual(network.parameterCount, 85_670, "the core Network's count")
        try expectEqual(
            yours + dense, network.parameterCount, "your two convolutions + the dense layers' \(dense)",
            diagnoses: [
                ("the biases are missing: each output map has one, C_out in all (+ 60)", 85_670 - 60),
                (
                    "C_in is missing: the second convolution has a 5×5 kernel for each of its 20 input maps",
                    85_670 - 20_040 + 1040
                ),
            ])
    },
    Check(
        "Eq. 6.6 — whatever the image size: the core's Convolution2D on 8×9 and on 64×64 images, random channels and kernels"
    ) {
        var generator = SeededGenerator(seed: 76)
        for _ in 0..<20 {
            let cin = 1 + generator.integer(below: 6)
            let cout = 1 + generator.integer(below: 8)
            let fh = 1 + generator.integer(below: 5)
            let fw = 1 + generator.integer(below: 5)
            let got = try parameterCount(inputChannels: cin, outputChannels: cout, kernelHeight: fh, kernelWidth: fw)
            for (h, w) in [(8, 9), (64, 64)] {
                let geometry = ConvolutionGeometry(
                    inputChannels: cin, outputChannels: cout, inputHeight: h, inputWidth: w, kernelHeight: fh,
                    kernelWidth: fw)
                try expectEqual(
                    got, Convolution2D(geometry: geometry, using: &generator).parameterCount,
                    "the count for C_in = \(cin), C_out = \(cout), F_h × F_w = \(fh)×\(fw) (image \(h)×\(w))",
                    diagnoses: countMistakes(cin, cout, fh, fw))
            }
        }
    },
]

/// The classic wrong answers to Eq. 6.6, from the same sizes.
func countMistakes(_ cin: Int, _ cout: Int, _ fh: Int, _ fw: Int) -> [(explanation: String, wrong: Int)] {
    [
        ("the biases are missing: one per output map, + C_out", cout * cin * fh * fw),
        ("C_in is missing: each output map has a kernel for every input map (Eq. 6.4)", cout * fh * fw + cout),
        (
            "one bias per kernel: Eq. 6.4 adds a single b_c per output map, not one per input map",
            cout * cin * fh * fw + cout * cin
        ),
        ("one bias per input map instead of per output map: + C_out", cout * cin * fh * fw + cin),
        ("F_h + F_w instead of F_h F_w: a kernel has F_h × F_w weights", cout * cin * (fh + fw) + cout),
    ]
}
