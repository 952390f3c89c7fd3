// What an exercise stub throws until the learner has written its body.

/// Thrown by an exercise that has not been written yet.
///
/// Every exercise file starts as a stub whose body is `throw NotDone("3.2")`. The checks turn it
/// into "not done yet" instead of a failure with numbers, and nothing crashes. Replace the line
/// with your own code.
public struct NotDone: Error, Sendable, CustomStringConvertible {
    /// The exercise, as the notes number it ("3.2").
    public let exercise: String

    public init(_ exercise: String) {
        self.exercise = exercise
    }

    public var description: String { "exercise \(exercise) is not done yet" }
}
