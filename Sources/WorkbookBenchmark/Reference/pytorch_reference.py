#!/usr/bin/env python3
"""The benchmark's models written the way a learner would write them in PyTorch.

Each function trains or runs the same network, on the same data shapes, with the same optimizer
and batch size as the row of `WorkbookBenchmark` that has the same name, and returns the same
unit (seconds per epoch, images or characters per second). `WorkbookBenchmark --against pytorch`
runs this script and the workbook in alternation and prints the ratios; nothing in the build or
the tests needs PyTorch.

    python3 pytorch_reference.py [--only dense,recurrent,convolution] [--repeats N]
                                 [--data FOLDER] [--threads 2] [--dtype float32]

It prints one JSON list of rows {name, value, unit, note} on standard output.
"""

import argparse
import gzip
import json
import os
import struct
import sys
import time

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError:
    sys.exit("pytorch_reference.py: PyTorch is not installed (pip install torch); the workbook itself does not need it")


def idx(path):
    """An IDX file (MNIST's format), gzipped or not, as a uint8 tensor of its shape."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4 : 4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims :]), dtype=torch.uint8).reshape(shape)


def mnist(folder, dtype):
    """(train images, train labels, test images, test labels), images scaled to [0, 1] as 1×28×28.

    Without the files the shapes are kept and the pixels are random: the time of a step does not
    depend on the pixel values."""
    names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]
    paths = []
    for name in names:
        # The workbook's data folder holds mnist/ (and fashion-mnist/); a folder of the files works too.
        candidates = [os.path.join(folder or "", sub, name + ext) for sub in ("mnist", "") for ext in (".gz", "")]
        paths.append(next((p for p in candidates if folder and os.path.exists(p)), None))
    if all(paths):
        tensors = [idx(p) for p in paths]
        images = [t.to(dtype).div_(255).reshape(-1, 1, 28, 28) for t in (tensors[0], tensors[2])]
        return images[0], tensors[1].long(), images[1], tensors[3].long()
    print("pytorch_reference.py: no MNIST in --data; timing random images of the same shape", file=sys.stderr)
    g = torch.Generator().manual_seed(1)
    return (torch.rand(60_000, 1, 28, 28, generator=g, dtype=dtype), torch.randint(0, 10, (60_000,), generator=g),
            torch.rand(10_000, 1, 28, 28, generator=g, dtype=dtype), torch.randint(0, 10, (10_000,), generator=g))


def median(values):
    return sorted(values)[len(values) // 2]


def timed(step, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return median(times)


def train_epoch(model, images, labels, batch, optimizer, loss_of):
    order = torch.randperm(len(images))
    for start in range(0, len(images), batch):
        chosen = order[start : start + batch]
        optimizer.zero_grad()
        loss_of(model(images[chosen]), labels[chosen]).backward()
        optimizer.step()


def dense_rows(data, repeats, dtype):
    train_x, train_y, test_x, _ = data
    x = train_x[:50_000].reshape(-1, 784)
    y = train_y[:50_000]
    rows = []

    # [784, 30, 10], sigmoid everywhere, quadratic cost ½‖a − y‖² averaged over the batch, η = 3.
    def classic():
        return nn.Sequential(nn.Linear(784, 30), nn.Sigmoid(), nn.Linear(30, 10), nn.Sigmoid()).to(dtype)

    def quadratic(a, labels):
        return 0.5 * (a - F.one_hot(labels, 10).to(a.dtype)).pow(2).sum(dim=1).mean()

    def epoch(build, batch, eta, loss_of):
        def run():
            model = build()
            train_epoch(model, x, y, batch, torch.optim.SGD(model.parameters(), lr=eta), loss_of)
        return run

    rows.append(("epoch [784,30,10] sigmoid, quadratic, batch 10", timed(epoch(classic, 10, 3.0, quadratic), repeats), "s/epoch"))

    def wide():
        return nn.Sequential(nn.Linear(784, 100), nn.Sigmoid(), nn.Linear(100, 10)).to(dtype)

    rows.append(("epoch [784,100,10] softmax, log-likelihood, batch 64",
                 timed(epoch(wide, 64, 0.5, F.cross_entropy), repeats), "s/epoch"))

    model = classic()
    flat = test_x.reshape(-1, 784)

    def infer():
        with torch.no_grad():
            for start in range(0, len(flat), 1000):
                model(flat[start : start + 1000]).argmax(dim=1)

    rows.append(("inference [784,30,10]", len(flat) / timed(infer, repeats), "images/s"))
    return rows


class CharacterModel(nn.Module):
    """One recurrent layer over one-hot characters and a linear read-out, state carried between windows."""

    def __init__(self, kind, vocabulary, hidden):
        super().__init__()
        self.vocabulary = vocabulary
        self.cell = {"vanilla": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}[kind](vocabulary, hidden)
        self.readout = nn.Linear(hidden, vocabulary)

    def forward(self, indices, state):
        x = F.one_hot(indices, self.vocabulary).to(self.readout.weight.dtype)
        h, state = self.cell(x, state)
        return self.readout(h), state


def recurrent_rows(repeats, dtype, vocabulary=76, hidden=128, steps=25, batch=32, iterations=100, warm_up=5):
    g = torch.Generator().manual_seed(1)
    text = torch.randint(0, vocabulary, (steps * (iterations + warm_up) + 1, batch), generator=g)
    rows = []
    for kind in ("vanilla", "LSTM", "GRU"):
        def run(count):
            state = None
            for window in range(count):
                inputs = text[window * steps : (window + 1) * steps]
                targets = text[window * steps + 1 : (window + 1) * steps + 1]
                optimizer.zero_grad()
                logits, state = model(inputs, state)
                state = tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()
                F.cross_entropy(logits.reshape(-1, vocabulary), targets.reshape(-1), reduction="sum").div(batch).backward()
                torch.nn.utils.clip_grad_value_(model.parameters(), 5)
                optimizer.step()

        rates = []
        for _ in range(repeats):
            model = CharacterModel(kind, vocabulary, hidden).to(dtype)
            optimizer = torch.optim.Adagrad(model.parameters(), lr=0.1)
            run(warm_up)
            start = time.perf_counter()
            run(iterations)
            rates.append(steps * batch * iterations / (time.perf_counter() - start))
        rows.append((f"char-RNN {kind}, hidden {hidden}, T {steps}, batch {batch}", median(rates), "chars/s"))
    return rows


def convolution_rows(data, repeats, dtype):
    train_x, train_y, test_x, _ = data

    def network():
        return nn.Sequential(
            nn.Conv2d(1, 20, 5), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(20, 40, 5), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(640, 100), nn.ReLU(), nn.Linear(100, 10)).to(dtype)

    def epoch():
        model = network()
        # Momentum 0.9, η = 0.02, L2 with λ = 5 over n = 60,000 (Nielsen's form, as PyTorch's weight decay λ/n).
        optimizer = torch.optim.SGD(model.parameters(), lr=0.02, momentum=0.9, weight_decay=5 / len(train_x))
        train_epoch(model, train_x, train_y, 64, optimizer, F.cross_entropy)
        return model

    rows = [("epoch conv-pool-conv-pool-100-10, batch 64", timed(epoch, max(1, min(repeats, 2))), "s/epoch")]
    model = network()

    def infer():
        with torch.no_grad():
            for start in range(0, len(test_x), 128):
                model(test_x[start : start + 128]).argmax(dim=1)

    rows.append(("inference conv-pool-conv-pool-100-10", len(test_x) / timed(infer, repeats), "images/s"))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="dense,recurrent,convolution")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--data", default=os.environ.get("WORKBOOK_DATA"))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    args = parser.parse_args()
    sections = args.only.split(",")
    unknown = set(sections) - {"dense", "recurrent", "convolution"}
    if unknown:
        sys.exit(f"pytorch_reference.py: unknown section {sorted(unknown)[0]!r}; choose from dense, recurrent, convolution")
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    dtype = getattr(torch, args.dtype)
    note = f"PyTorch {torch.__version__}, {args.dtype}, {args.threads} threads"
    rows = []
    data = mnist(args.data, dtype) if {"dense", "convolution"} & set(sections) else None
    if "dense" in sections:
        rows += dense_rows(data, args.repeats, dtype)
    if "recurrent" in sections:
        rows += recurrent_rows(args.repeats, dtype)
    if "convolution" in sections:
        rows += convolution_rows(data, args.repeats, dtype)
    json.dump([{"name": n, "value": v, "unit": u, "note": note} for n, v, u in rows], sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
