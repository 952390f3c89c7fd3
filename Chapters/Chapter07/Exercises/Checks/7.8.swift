// Checks of exercise 7.8 (Eq. 7.11): two steps by hand, central differences of h_T in hₜ through a
// real cell, and BPTT's ∂L_T/∂hₜ with the bound ρ^(T−t) for W = ρQ.

import ExerciseKit
import Foundation
import NeuralCore

/// diag(1 − h²) W.
func stepJacobian(_ W: Matrix, _ h: Matrix) -> Matrix {
    Matrix(rows: W.rows, columns: W.columns) { i, j in (1 - h[i, 0] * h[i, 0]) * W[i, j] }
}

func jacobianMistakes(_ W: Matrix, _ hiddens: [Matrix]) -> [Diagnosis] {
    let n = W.rows
    return [
        Diagnosis(
            "the Jacobians are multiplied in the wrong order: the latest step goes on the left, J_T ⋯ J_{t+1} (Eq. 7.11)"
        ) {
            hiddens.reduce(Matrix.identity(n)) { $0 * stepJacobian(W, $1) }
        },
        Diagnosis(
            "the factor diag(1 − hₖ²) (tanh′) is missing: each step's Jacobian is diag(1 − hₖ²) W, not W (Eq. 7.11)"
        ) {
            hiddens.reduce(Matrix.identity(n)) { product, _ in W * product }
        },
        Diagnosis(
            "diag(1 − hₖ²) was put on the right of W: it scales row i of W (unit i's tanh′), Jₖ = diag(1 − hₖ²) W"
        ) {
            hiddens.reduce(Matrix.identity(n)) { product, h in
                (W * Matrix(rows: n, columns: n) { i, j in i == j ? 1 - h[i, 0] * h[i, 0] : 0 }) * product
            }
        },
        Diagnosis("1 − hₖ was used: tanh′ = 1 − hₖ², squared") {
            hiddens.reduce(Matrix.identity(n)) { product, h in
                Matrix(rows: n, columns: n) { i, j in (1 - h[i, 0]) * W[i, j] } * product
            }
        },
    ]
}

let checks: [Check] = [
    Check("Eq. 7.11 — two steps by hand (n = 2): ∂h₂/∂h₀ = J₂J₁ with Jₖ = diag(1 − hₖ²) W") {
        let W = Matrix([[0.5, -1], [2, 0.25]])
        let hiddens = [Matrix(column: [0.5, -0.2]), Matrix(column: [0.8, 0.1])]
        // J₁ = diag(0.75, 0.96) W, J₂ = diag(0.36, 0.99) W.
        let j1 = Matrix([[0.375, -0.75], [1.92, 0.24]])
        let j2 = Matrix([[0.18, -0.36], [1.98, 0.2475]])
        try expectClose(
            try jacobianProduct(W: W, hiddens: hiddens), j2 * j1, "∂h₂/∂h₀", diagnoses: jacobianMistakes(W, hiddens))
    },
    Check("Eq. 7.11 — over 6 steps of a real cell, your product is ∂h₆/∂h₀ by central differences") {
        var generator = SeededGenerator(seed: 781)
        let cell = VanillaCell(
            inputWeights: Matrix.gaussian(3, 4, using: &generator),
            recurrentWeights: Matrix.gaussian(3, 3, standardDeviation: 0.8, using: &generator),
            biases: Matrix.gaussian(3, 1, standardDeviation: 0.3, using: &generator))
        let inputs = (0..<6).map { _ in generator.integer(below: 4) }
        let start = Matrix.uniform(3, 1, low: -0.5, high: 0.5, using: &generator)
        func run(_ h0: Matrix) -> [Matrix] {
            var states: [Matrix] = []
            var h = h0
            for x in inputs {
                h = cell.step(.oneHot([x]), state: [h]).state[0]
                states.append(h)
            }
            return states
        }
        let hiddens = run(start)
        let numeric = Matrix(rows: 3, columns: 3) { i, j in
            GradientCheck.numericGradient(of: { run($0)[5][i, 0] }, at: start)[j, 0]
        }
        try expectGradient(
            try jacobianProduct(W: cell.recurrentWeights, hiddens: hiddens), matches: numeric, "∂h₆/∂h₀",
            diagnoses: jacobianMistakes(cell.recurrentWeights, hiddens))
    },
    Check(
        "Eq. 7.5, Eq. 7.11 — W = 0.9·Q (Q orthogonal): (∏ Jₖ)ᵀ ∂L_T/∂h_T is BPTT's ∂L_T/∂hₜ and obeys the bound 0.9^(T−t)"
    ) {
        // Q: two 2 × 2 rotations side by side, an orthogonal 4 × 4 matrix.
        let (a, b) = (0.6, 1.9)
        let Q = Matrix([
            [cos(a), -sin(a), 0, 0], [sin(a), cos(a), 0, 0], [0, 0, cos(b), -sin(b)], [0, 0, sin(b), cos(b)],
        ])
        var generator = SeededGenerator(seed: 782)
        let cell = VanillaCell(
            inputWeights: Matrix.gaussian(4, 3, standardDeviation: 0.3, using: &generator),
            recurrentWeights: 0.9 * Q, biases: Matrix.zeros(4, 1))
        var state = [Matrix.zeros(4, 1)]
        var caches: [VanillaCell.StepCache] = []
        for _ in 0..<12 {
            let (next, cache) = cell.step(.oneHot([generator.integer(below: 3)]), state: state)
            caches.append(cache)
            state = next
        }
        let dLast = Matrix(column: [1, -2, 0.5, 1])
        // BPTT from the last step back to h₂ (10 steps).
        var dHidden = dLast
        var gradients = cell.zeroGradients()
        for cache in caches[2...].reversed() {
            dHidden = cell.backwardStep([dHidden], cache: cache, gradients: &gradients).dPreviousState[0]
        }
        let hiddens = caches[2...].map(\.hidden)
        let product = try jacobianProduct(W: cell.recurrentWeights, hiddens: hiddens)
        try expectClose(product.transposed * dLast, dHidden, "(∂h₁₂/∂h₂)ᵀ ∂L/∂h₁₂")
        let bound = pow(0.9, 10) * dLast.norm()
        try expect(
            (product.transposed * dLast).norm() <= bound * (1 + 1e-12),
            "‖(∂h₁₂/∂h₂)ᵀ ∂L/∂h₁₂‖ = \(formatted((product.transposed * dLast).norm())) exceeds the bound 0.9¹⁰ ‖∂L/∂h₁₂‖ = \(formatted(bound))"
        )
    },
]
