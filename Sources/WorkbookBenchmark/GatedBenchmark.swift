// The LSTM rows of the benchmark: training throughput of an LSTM character model in the
// configuration of the PyTorch measurement (hidden 128, one-hot vocabulary of 76,
// 25-step windows, batches of 32), through the same generic loop as the vanilla row — once with
// BLAS choosing its threads by product size (as everywhere else), once on a single BLAS thread
// (the 512×128×32 products of one step are small enough that waking a second thread, or
// sharing the cores with other work, can cost more than it saves). Then the GRU and the minimal
// gated unit in the same configuration and loop (Chapter 08 §8.7 trains all four cells): three
// and two gate blocks against the LSTM's four, so fewer products per step. The LSTM and GRU also
// train with their 32 streams as two shards of 16 at once, one per core, and the LSTM once more so
// with its products in single precision, as PyTorch computes them.

import NeuralCore

/// The gated rows of the benchmark table.
@MainActor func gatedRows() {
    var generator = SeededGenerator(seed: 1)
    let lstm = LSTMCell(inputSize: 76, hiddenSize: 128, using: &generator)
    report(
        Row(
            name: "char-RNN LSTM, hidden 128, T 25, batch 32",
            measurements: recurrentThroughput(cell: lstm, repeats: repeats),
            unit: "chars/s",
            note: "one-hot V = 76, Adagrad, clip ±5; the README compares it with PyTorch, measured side by side"))
    report(
        Row(
            name: "char-RNN LSTM, as above, one BLAS thread",
            measurements: withSingleThreadedBLAS { recurrentThroughput(cell: lstm, repeats: repeats) },
            unit: "chars/s", note: "same training, products on one core"))
    report(
        Row(
            name: "char-RNN LSTM, hidden 128, T 25, batch 32, two shards",
            measurements: recurrentThroughput(cell: lstm, repeats: repeats, shards: 2),
            unit: "chars/s", note: "the 32 streams as two shards of 16 at once, each product on one BLAS thread"))
    var singleLSTM = lstm
    singleLSTM.precision = .single
    report(
        Row(
            name: "char-RNN LSTM, hidden 128, T 25, batch 32, two shards, single-precision products",
            measurements: recurrentThroughput(cell: singleLSTM, repeats: repeats, shards: 2),
            unit: "chars/s",
            note: "as above, the products with W in Float (LSTMCell.precision), ∂W one product per window"))
    let gru = GRUCell(inputSize: 76, hiddenSize: 128, using: &generator)
    report(
        Row(
            name: "char-RNN GRU, hidden 128, T 25, batch 32",
            measurements: recurrentThroughput(cell: gru, repeats: repeats),
            unit: "chars/s", note: "as the LSTM row: one-hot V = 76, Adagrad, clip ±5; 3 gate blocks"))
    report(
        Row(
            name: "char-RNN GRU, hidden 128, T 25, batch 32, two shards",
            measurements: recurrentThroughput(cell: gru, repeats: repeats, shards: 2),
            unit: "chars/s", note: "as the LSTM's two-shard row"))
    let mgu = MinimalGatedCell(inputSize: 76, hiddenSize: 128, using: &generator)
    report(
        Row(
            name: "char-RNN MGU, hidden 128, T 25, batch 32",
            measurements: recurrentThroughput(cell: mgu, repeats: repeats),
            unit: "chars/s", note: "as the LSTM row, the minimal gated unit: 2 gate blocks"))
}
