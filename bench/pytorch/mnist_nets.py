"""The zoo's MNIST networks in PyTorch, shared by mnist_bench.py and mnist_reference.py.

Layers as in the zoo's BuiltInModels (Keras 'same' padding reproduced with an explicit pad,
glorot-uniform kernels and zero biases as Keras initialises them), the IDX reader and the BLAS probe.
"""
import gzip
import struct

import numpy as np
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path, magic):
    with gzip.open(path, "rb") as f:
        m, n = struct.unpack(">II", f.read(8))
        if m != magic:
            raise ValueError(f"{path}: magic {m:#x}, expected {magic:#x}")
        if magic == 0x803:
            rows, cols = struct.unpack(">II", f.read(8))
            return np.frombuffer(f.read(), dtype=np.uint8).reshape(n, 1, rows, cols)
        return np.frombuffer(f.read(), dtype=np.uint8)


def read_mnist(data, prefix):
    """Images of DATA/PREFIX-images-idx3-ubyte.gz as float32 in [0, 1] and their int64 labels."""
    images = read_idx(f"{data}/{prefix}-images-idx3-ubyte.gz", 0x803).astype(np.float32) / 255.0
    labels = read_idx(f"{data}/{prefix}-labels-idx1-ubyte.gz", 0x801).astype(np.int64)
    return images, labels


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


def mnist_cnn_v2():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.25),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.Conv2d(64, 64, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.25),
        nn.Flatten(), nn.Linear(4 * 4 * 64, 512), nn.ReLU(), nn.Dropout(0.5), nn.Linear(512, 10))


NETWORKS = {"lenet5": lenet5, "mnist-cnn": mnist_cnn, "mnist-cnn-v2": mnist_cnn_v2}


def keras_init(model):
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
