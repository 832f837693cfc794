#!/usr/bin/env python3
"""Regenerates the ONNX test models of src/test/resources/org/snn4j/interop (run with Debian's python3-torch).

Two small ANNs, exported with torch.onnx.export, each beside a JSON file holding a few input images and
PyTorch's outputs on them; OnnxImporterTest checks that snn4j's import reproduces those outputs.

- residual_cnn.onnx: Conv (bias), BatchNormalization, Relu, AveragePool, a residual block (Add), Flatten,
  Gemm. Trained for two epochs on the bundled MNIST digits, so `snn4j convert --ann` has something to convert.
- ops_cnn.onnx: MaxPool, Clip (ReLU6), GlobalAveragePool, Reshape, MatMul + Add (untrained, random weights).

Usage: /usr/bin/python3 tests/interop/make_onnx_fixtures.py   (from the repository root)
"""
import gzip
import json
import pathlib

import numpy as np
import torch
from torch import nn

ROOT = pathlib.Path(__file__).resolve().parents[2]
MNIST = ROOT / "src/main/resources/org/snn4j/data/mnist-10k"
OUT = ROOT / "src/test/resources/org/snn4j/interop"


def idx(name):
    with gzip.open(MNIST / name) as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


class Residual(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.branch = nn.Sequential(nn.Conv2d(c, c, 3, padding=1, bias=False), nn.BatchNorm2d(c), nn.ReLU(),
                                    nn.Conv2d(c, c, 3, padding=1, bias=False), nn.BatchNorm2d(c))

    def forward(self, x):
        return torch.relu(self.branch(x) + x)


def residual_cnn():
    return nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.AvgPool2d(2),
                         Residual(8), nn.Conv2d(8, 16, 3, stride=2, padding=1), nn.ReLU(),
                         nn.Flatten(), nn.Linear(16 * 7 * 7, 10))


class OpsCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(6, 12, 3, stride=1, padding=1)
        self.clip = nn.ReLU6()
        self.gap = nn.AdaptiveAvgPool2d(1)   # exported as GlobalAveragePool
        self.weight = nn.Parameter(torch.randn(12, 10) * 0.3)
        self.bias = nn.Parameter(torch.randn(10) * 0.1)

    def forward(self, x):
        x = self.clip(self.conv1(x))
        x = self.pool(x)
        x = self.clip(self.conv2(x))
        x = self.gap(x).view(-1, 12)         # exported as Reshape with a constant shape
        return x @ self.weight + self.bias   # MatMul + Add


def train(model, images, labels, epochs):
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    x = torch.from_numpy(images).float().div(255).unsqueeze(1)
    y = torch.from_numpy(labels.astype(np.int64))
    model.train()
    for epoch in range(epochs):
        perm = torch.randperm(len(x))
        for i in range(0, len(x), 64):
            b = perm[i:i + 64]
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(x[b]), y[b])
            loss.backward()
            opt.step()
        print(f"epoch {epoch + 1}: last batch loss {loss.item():.4f}")


def export(model, name, inputs):
    model.eval()
    x = torch.from_numpy(inputs)
    # PRESERVE keeps BatchNormalization nodes (EVAL would fold them into the convolutions).
    torch.onnx.export(model, x, OUT / f"{name}.onnx", opset_version=13, input_names=["image"],
                      output_names=["logits"], dynamic_axes={"image": {0: "n"}, "logits": {0: "n"}},
                      training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=True)
    with torch.no_grad():
        y = model(x).numpy()
    (OUT / f"{name}.json").write_text(json.dumps({
        "input_shape": list(inputs.shape), "inputs": inputs.reshape(-1).tolist(),
        "output_shape": list(y.shape), "outputs": y.reshape(-1).tolist()}) + "\n")
    print(f"wrote {name}.onnx and {name}.json")


def main():
    torch.manual_seed(8)
    images, labels = idx("train-images-idx3-ubyte.gz"), idx("train-labels-idx1-ubyte.gz")
    test = idx("t10k-images-idx3-ubyte.gz")[:4].astype(np.float32)[:, None] / 255
    model = residual_cnn()
    train(model, images, labels, epochs=2)
    export(model, "residual_cnn", test)
    export(OpsCnn(), "ops_cnn", test)


if __name__ == "__main__":
    main()
