// Shape bookkeeping shared by the optimizers: the gradients must match the parameters, and the
// per-parameter state (velocities, running averages) is created on the first step to match them.

/// Checks and state creation for optimizers that update a list of parameter matrices.
enum ParameterShapes {
    /// Stops unless there is one gradient per parameter and each has its parameter's shape.
    static func requireMatching(_ parameters: [Matrix], _ gradients: [Matrix], in optimizer: String) {
        precondition(
            parameters.count == gradients.count,
            "\(optimizer): \(parameters.count) parameters but \(gradients.count) gradients")
        for index in parameters.indices {
            let parameter = parameters[index]
            let gradient = gradients[index]
            precondition(
                parameter.rows == gradient.rows && parameter.columns == gradient.columns,
                "\(optimizer): parameter \(index) is \(parameter.shapeDescription) but its gradient is \(gradient.shapeDescription)"
            )
        }
    }

    /// Creates zero state shaped like `parameters` when `state` is empty (the first step);
    /// otherwise stops unless the state still matches the parameters one for one.
    static func prepare(_ state: inout [Matrix], for parameters: [Matrix], named name: String, in optimizer: String) {
        if state.isEmpty {
            state = parameters.map { Matrix(rows: $0.rows, columns: $0.columns) }
            return
        }
        precondition(
            state.count == parameters.count,
            "\(optimizer): \(name) holds \(state.count) matrices but \(parameters.count) parameters were given")
        for index in parameters.indices {
            let parameter = parameters[index]
            let held = state[index]
            precondition(
                parameter.rows == held.rows && parameter.columns == held.columns,
                "\(optimizer): \(name)[\(index)] is \(held.shapeDescription) but parameter \(index) is \(parameter.shapeDescription)"
            )
        }
    }
}

extension ParameterShapes {
    /// Applies `rule` to every entry of every parameter θ, with the matching entry of the
    /// optimizer's per-parameter state s and of the gradient g: the loop every one-state
    /// optimizer (momentum, Nesterov, Adagrad, RMSprop) would otherwise write out again.
    @inline(__always)
    static func updateEntries(
        _ parameters: inout [Matrix], state: inout [Matrix], gradients: [Matrix],
        _ rule: (_ theta: inout Double, _ state: inout Double, _ g: Double) -> Void
    ) {
        for index in parameters.indices {
            gradients[index].elements.withUnsafeBufferPointer { g in
                state[index].elements.withUnsafeMutableBufferPointer { s in
                    parameters[index].elements.withUnsafeMutableBufferPointer { theta in
                        for k in 0..<theta.count { rule(&theta[k], &s[k], g[k]) }
                    }
                }
            }
        }
    }
}
