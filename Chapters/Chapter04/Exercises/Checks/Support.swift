// Helpers shared by the checks of Chapter 04 (copied into every exercise of the chapter).

import ExerciseKit
import NeuralCore

/// The hint for overflow in softmax and its logarithm.
let shiftHint = "Subtract the column's largest logit before exponentiating (shift invariance, Eq. 4.4)."
