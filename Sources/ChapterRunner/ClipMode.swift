// `--clip-by`, the knob both recurrent chapters share: how a gradient is clipped before each
// update (Eq. 7.8).

import ArgumentParser
import NeuralCore

/// How gradients are clipped before each update (Eq. 7.8).
public enum ClipMode: String, ExpressibleByArgument, CaseIterable, SettingValue, Sendable {
    /// Every entry clamped to [−c, c].
    case value
    /// The whole gradient scaled by min(1, c/‖g‖).
    case norm
    /// No clipping.
    case none

    /// The clipping at threshold `c` (ignored by `.none`).
    public func clipping(_ threshold: Double) -> GradientClipping {
        switch self {
        case .value: .value(threshold)
        case .norm: .norm(threshold)
        case .none: .none
        }
    }
}
