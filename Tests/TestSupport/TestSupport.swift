import NeuralCore
