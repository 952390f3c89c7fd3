// The knobs of the made-up Chapter 09 the lab tests run: a learning rate, layer sizes, a keep
// probability, a choice, and a dataset whose changed value names its folder by itself.

import ArgumentParser
import ChapterRunner

enum LabCost: String, ExpressibleByArgument, CaseIterable, SettingValue {
    case quadratic
    case crossEntropy = "cross-entropy"
}

struct LabKnobs: ChapterKnobs {
    @Option(parsing: .unconditional, help: "η", transform: { try KnobValues.positive($0, option: "--eta") })
    var eta = 3.0

    @Option(
        parsing: .unconditional, help: "hidden sizes", transform: { try KnobValues.layerSizes($0, option: "--hidden") })
    var hidden = [30]

    @Option(
        parsing: .unconditional, help: "keep probability",
        transform: { try KnobValues.keepProbability($0, option: "--keep") })
    var keep = 1.0

    @Option(help: "cost")
    var cost = LabCost.quadratic

    @Option(help: "dataset")
    var dataset = "mnist"

    var settings: [Setting] {
        [
            Setting("dataset", dataset, folderName: dataset),
            Setting("eta", eta), Setting("hidden", hidden), Setting("keep", keep), Setting("cost", cost),
        ]
    }
}
