#!/usr/bin/python3
"""PyTorch side of bench/compare.sh's alphago-policy-K-train workload: the zoo's network, same batches.

The network of the zoo's alphago-policy-K: a 5x5 convolution of K filters (padding 2), eleven 3x3
convolutions of K filters (padding 1), ReLU after each, a 1x1 convolution to one channel without bias,
a separate bias for each of the 361 points, softmax over the points (in the loss). Glorot-uniform
kernels, zero biases. Trains on the positions of a file written by `ZooSide write-positions`
(org.tribuozoo.bench.compare.GoPositions: big-endian count, 19, 19, 48; uint8 planes NHWC; big-endian
int32 targets) in file order, batch 16, plain SGD lr 0.003, and prints one line per epoch:
    RESULT alphago-policy-K-train <epoch> <positions_per_second> loss <mean loss>
"""
import argparse
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from machine import blas_name


def read_positions(path):
    with open(path, "rb") as f:
        count, rows, cols, planes = np.frombuffer(f.read(16), dtype=">i4")
        if (rows, cols, planes) != (19, 19, 48):
            raise ValueError(f"{path}: positions of {rows}x{cols}x{planes}, expected 19x19x48")
        x = np.frombuffer(f.read(count * rows * cols * planes), dtype=np.uint8).reshape(count, rows, cols, planes)
        y = np.frombuffer(f.read(4 * count), dtype=">i4").astype(np.int64)
    # NHWC in the file, NCHW for PyTorch's convolutions.
    return torch.from_numpy(x.transpose(0, 3, 1, 2).astype(np.float32).copy()), torch.from_numpy(y.copy())


class AlphaGoPolicy(nn.Module):
    def __init__(self, k, planes=48, points=361):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv2d(planes, k, 5, padding=2)]
                                   + [nn.Conv2d(k, k, 3, padding=1) for _ in range(11)])
        self.head = nn.Conv2d(k, 1, 1, bias=False)
        self.point_bias = nn.Parameter(torch.zeros(points))
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.xavier_uniform_(m.weight)
                if m.bias is not None:
                    nn.init.zeros_(m.bias)

    def forward(self, x):
        for conv in self.convs:
            x = F.relu(conv(x))
        return self.head(x).flatten(1) + self.point_bias  # logits over the points; softmax in the loss


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--positions", required=True)
    p.add_argument("--filters", type=int, default=192)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    x, y = read_positions(a.positions)
    model = AlphaGoPolicy(a.filters)
    parameters = sum(t.numel() for t in model.parameters())
    print(f"VERSION pytorch PyTorch {torch.__version__}, threads {torch.get_num_threads()}, "
          f"BLAS {blas_name()}, alphago-policy-{a.filters} {parameters:,} parameters", flush=True)
    opt = torch.optim.SGD(model.parameters(), lr=0.003)
    workload = f"alphago-policy-{a.filters}-train"
    for epoch in range(1, a.epochs + 1):
        model.train()
        start = time.perf_counter()
        total = 0.0
        for i in range(0, len(x), 16):
            opt.zero_grad()
            loss = F.cross_entropy(model(x[i:i + 16]), y[i:i + 16])
            loss.backward()
            opt.step()
            total += loss.item() * len(y[i:i + 16])
        seconds = time.perf_counter() - start
        print(f"RESULT {workload} {epoch} {len(x) / seconds:.3f} loss {total / len(x):.4f}", flush=True)


if __name__ == "__main__":
    main()
