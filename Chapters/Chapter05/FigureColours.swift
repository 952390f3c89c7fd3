// One colour per run and per concept in every figure of the chapter, and one line style per
// split: training curves dashed, test and validation curves solid (as in Chapters 01–04).

import Figures

extension ChapterFigures {
    /// The unregularized small-set run of 5.1, in 5.1, 5.2 and 5.4 alike.
    static let unregularized = Colour(hex: 0x0072B2)
    /// Runs with the L2 penalty (5.2 and the full-data run of 5.3).
    static let l2 = Colour(hex: 0x009E73)
    /// The dropout run of 5.4.
    static let dropout = Colour(hex: 0xD55E00)
    /// The validation split, where a figure shows it beside the test split of the same run.
    static let validation = Colour(hex: 0xCC79A7)
    /// Reference lines: the epoch of the lowest test cost, schedule changes, thresholds.
    static let marker = Colour(hex: 0x444444)

    /// The colour of an initialization in 5.5: N(0, 1) and N(0, 1/nᵢₙ).
    static func initializationColour(_ index: Int) -> Colour {
        index == 0 ? Colour(hex: 0xE69F00) : Colour(hex: 0x56B4E9)
    }

    /// The colour of an optimizer in 5.6 and 5.7 (paths on Rosenbrock's function and MNIST runs).
    static func optimizerColour(_ choice: OptimizerChoice) -> Colour {
        switch choice {
        case .sgd: Colour(hex: 0x0072B2)
        case .momentum: Colour(hex: 0xD55E00)
        case .nesterov: Colour(hex: 0x009E73)
        case .adagrad: Colour(hex: 0xE69F00)
        case .rmsprop: Colour(hex: 0xCC79A7)
        case .adam: Colour(hex: 0x56B4E9)
        }
    }

    /// The colour of a deep network variant in 5.8 and 5.9.
    static func variantColour(_ variant: DeepVariant) -> Colour {
        switch variant {
        case .sigmoid: Colour(hex: 0x0072B2)
        case .reluHe: Colour(hex: 0x009E73)
        case .batchNorm: Colour(hex: 0xD55E00)
        }
    }
}
