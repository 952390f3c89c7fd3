// How batch normalization is written to a version-3 model file and rebuilt from it: ε and the
// momentum as settings, γ and β as parameters, the running averages as saved state.

extension BatchNormalization: SavableLayer {
    public static var kind: String { "batchNormalization" }

    public func record() -> ModelFile.LayerRecord {
        var record = ModelFile.LayerRecord(kind: Self.kind)
        record.settings = ["epsilon": epsilon, "momentum": momentum]
        record.parameters = [gamma.elements, beta.elements]
        record.state = [runningMean.elements, runningVariance.elements]
        return record
    }

    /// The layer a record describes, for `input.channels` features or channels.
    public static func make(from record: ModelFile.LayerRecord, input: MapShape) throws -> BatchNormalization {
        let channels = input.channels
        guard let epsilon = record.settings?["epsilon"], epsilon > 0, epsilon.isFinite else {
            throw ModelFileError("ε is missing or not a positive number")
        }
        guard let momentum = record.settings?["momentum"], momentum >= 0, momentum <= 1 else {
            throw ModelFileError("the momentum is missing or outside [0, 1]")
        }
        guard let state = record.state, state.count == 2 else {
            throw ModelFileError("the running mean and variance are missing")
        }
        var layer = BatchNormalization(channels: channels, epsilon: epsilon, momentum: momentum)
        layer.gamma = try ModelFile.parameter(record, 0, rows: channels, columns: 1, name: "γ (gamma)")
        layer.beta = try ModelFile.parameter(record, 1, rows: channels, columns: 1, name: "β (beta)")
        layer.runningMean = try ModelFile.matrix(state[0], rows: channels, columns: 1, name: "running mean")
        layer.runningVariance = try ModelFile.matrix(state[1], rows: channels, columns: 1, name: "running variance")
        guard layer.runningVariance.elements.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw ModelFileError("the running variance has a negative or non-finite entry")
        }
        return layer
    }
}
