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
import time

import torch
import torch.nn.functional as F

from machine import blas_name
from mnist_nets import NETWORKS, keras_init, read_mnist


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
    images, labels = read_mnist(a.data, "t10k")
    n = a.train_images
    x_train, y_train = torch.from_numpy(images[:n].copy()), torch.from_numpy(labels[:n].copy())
    x_test, y_test = torch.from_numpy(images[8000:].copy()), torch.from_numpy(labels[8000:].copy())
    print(f"VERSION pytorch PyTorch {torch.__version__}, threads {torch.get_num_threads()}, BLAS {blas_name()}",
          flush=True)
    for name in a.nets.split(","):
        model = NETWORKS[name]()
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
