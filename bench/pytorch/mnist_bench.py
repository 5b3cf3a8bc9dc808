#!/usr/bin/python3
"""PyTorch side of the tf-graph MNIST benchmark: the same two networks and recipe.

lenet5 and mnist-cnn as in the zoo (Keras 'same' padding, glorot-uniform kernels, zero biases),
first 8,000 images of the t10k set (or --train-images) for training and the last 2,000 for testing,
pixels in [0, 1],
batch 128, Adam(lr=0.001, eps=1e-7), shuffled every epoch. Prints one line per epoch:
    RESULT <net> <epoch> <images_per_second> <test_accuracy>
Run with Debian's /usr/bin/python3 and python3-torch; with libopenblas0-openmp installed the
libblas.so.3 alternative points at OpenBLAS instead of the slow reference BLAS.
"""
import argparse
import gzip
import struct
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from machine import blas_name


def read_idx(path, magic):
    with gzip.open(path, "rb") as f:
        m, n = struct.unpack(">II", f.read(8))
        if m != magic:
            raise ValueError(f"{path}: magic {m:#x}, expected {magic:#x}")
        if magic == 0x803:
            rows, cols = struct.unpack(">II", f.read(8))
            return np.frombuffer(f.read(), dtype=np.uint8).reshape(n, 1, rows, cols)
        return np.frombuffer(f.read(), dtype=np.uint8)


class SamePad(nn.Module):
    """Keras/TensorFlow 'same' for stride 1: the odd extra row/column at the bottom/right."""

    def __init__(self, k):
        super().__init__()
        total = k - 1
        self.pad = (total // 2, total - total // 2, total // 2, total - total // 2)

    def forward(self, x):
        return F.pad(x, self.pad)


def lenet5():
    return nn.Sequential(
        SamePad(5), nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 120, 5), nn.ReLU(), nn.Flatten(),
        nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def mnist_cnn():
    return nn.Sequential(
        SamePad(5), nn.Conv2d(1, 32, 5), nn.ReLU(), nn.MaxPool2d(2),
        SamePad(2), nn.Conv2d(32, 64, 2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Dropout(0.25), nn.Flatten(),
        nn.Linear(7 * 7 * 64, 1000), nn.ReLU(), nn.Linear(1000, 10))


def keras_init(model):
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="../shared/data/mnist")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--nets", default="lenet5,mnist-cnn")
    p.add_argument("--train-images", type=int, default=8000)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    images = read_idx(f"{a.data}/t10k-images-idx3-ubyte.gz", 0x803).astype(np.float32) / 255.0
    labels = read_idx(f"{a.data}/t10k-labels-idx1-ubyte.gz", 0x801).astype(np.int64)
    n = a.train_images
    x_train, y_train = torch.from_numpy(images[:n].copy()), torch.from_numpy(labels[:n].copy())
    x_test, y_test = torch.from_numpy(images[8000:].copy()), torch.from_numpy(labels[8000:].copy())
    print(f"VERSION pytorch PyTorch {torch.__version__}, threads {torch.get_num_threads()}, BLAS {blas_name()}",
          flush=True)
    for name in a.nets.split(","):
        model = {"lenet5": lenet5, "mnist-cnn": mnist_cnn}[name]()
        keras_init(model)
        opt = torch.optim.Adam(model.parameters(), lr=0.001, eps=1e-7)
        for epoch in range(1, a.epochs + 1):
            model.train()
            perm = torch.randperm(len(x_train))
            start = time.perf_counter()
            total_loss = 0.0
            for i in range(0, len(x_train), 128):
                idx = perm[i:i + 128]
                opt.zero_grad()
                loss = F.cross_entropy(model(x_train[idx]), y_train[idx])
                loss.backward()
                opt.step()
                total_loss += loss.item() * len(idx)
            seconds = time.perf_counter() - start
            model.eval()
            with torch.no_grad():
                acc = (model(x_test).argmax(1) == y_test).float().mean().item()
            print(f"pytorch  {name:<10} epoch {epoch:2d}: loss {total_loss / len(x_train):.4f}, "
                  f"{len(x_train) / seconds:7.0f} images/s, test acc {acc:.4f}", flush=True)
            print(f"RESULT {name} {epoch} {len(x_train) / seconds:.1f} {acc:.4f}", flush=True)


if __name__ == "__main__":
    main()
