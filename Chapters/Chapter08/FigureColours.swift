// One colour per cell type in every figure of the chapter (vanilla blue as in Chapter 07, LSTM
// vermillion, GRU green, MGU reddish purple), darker shades of the LSTM's for larger forget biases; training curves
// dashed, validation and test curves solid (as in Chapters 01–07).

import Figures

enum CellColours {
    static let vanilla = Colour(hex: 0x0072B2)
    static let lstm = Colour(hex: 0xD55E00)
    static let gru = Colour(hex: 0x009E73)
    /// The minimal gated unit (8.7 with --cells …,mgu): reddish purple.
    static let mgu = Colour(hex: 0xCC79A7)
    /// Reference lines: chance, the uniform guess.
    static let reference = Colour(hex: 0x666666)

    /// The LSTM's colour, lighter for forget bias 0 and darker for 3.
    static func lstm(forgetBias bias: Double) -> Colour {
        switch bias {
        case ..<0.5: Colour(hex: 0xF0A070)
        case ..<2: lstm
        default: Colour(hex: 0x7F2F00)
        }
    }

    /// The colour of a cell by its name ("vanilla", "LSTM", "GRU", "MGU").
    static func named(_ name: String) -> Colour {
        switch name.lowercased() {
        case "lstm": lstm
        case "gru": gru
        case "mgu": mgu
        default: vanilla
        }
    }
}
