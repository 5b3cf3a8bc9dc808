#!/usr/bin/python3
"""PyTorch reference runs for docs/results.md: a zoo MNIST network with its zoo recipe on the full data.

Trains lenet5 (batch 128, 30 epochs), mnist-cnn (batch 32, 5 epochs) or mnist-cnn-v2 (batch 128,
100 epochs) with Adam(lr=0.001, eps=1e-7), the zoo recipes, on the 60,000 MNIST training images
(train-*), shuffled every epoch, and tests on the 10,000 t10k images; pixels in [0, 1]. The layers and
initialisation are mnist_nets.py's, the same as the zoo's. Prints one line per epoch, then appends one
row to --csv in the format `zoo report --reference` reads:
    framework,network,seed,epochs,test_accuracy,test_loss,wrong,seconds,command
test_loss is the mean cross-entropy over the test images; seconds the training time (the epochs'
passes over the training images, without the per-epoch test evaluation).

    /usr/bin/python3 bench/pytorch/mnist_reference.py --net lenet5 --seed 1 --csv /tmp/res/pytorch.csv
    /usr/bin/python3 bench/pytorch/mnist_reference.py --net lenet5 --epochs 1 --limit 2000   # smoke check
"""
import argparse
import csv
import os
import shlex
import sys
import time

import torch
import torch.nn.functional as F

from machine import blas_name
from mnist_nets import NETWORKS, keras_init, read_mnist

# The zoo entries' reference recipes: (batch size, epochs); all Adam(lr=0.001, eps=1e-7).
RECIPES = {"lenet5": (128, 30), "mnist-cnn": (32, 5), "mnist-cnn-v2": (128, 100)}
CSV_COLUMNS = ["framework", "network", "seed", "epochs", "test_accuracy", "test_loss", "wrong", "seconds", "command"]


def evaluate(model, x, y, batch=1000):
    """Mean cross-entropy and the number of wrong predictions over (x, y), in batches to bound memory."""
    model.eval()
    total_loss, wrong = 0.0, 0
    with torch.no_grad():
        for i in range(0, len(x), batch):
            logits = model(x[i:i + batch])
            total_loss += F.cross_entropy(logits, y[i:i + batch], reduction="sum").item()
            wrong += (logits.argmax(1) != y[i:i + batch]).sum().item()
    return total_loss / len(x), wrong


def append_row(path, row):
    new = not os.path.exists(path) or os.path.getsize(path) == 0
    with open(path, "a", newline="") as f:
        w = csv.DictWriter(f, fieldnames=CSV_COLUMNS)
        if new:
            w.writeheader()
        w.writerow(row)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--net", choices=sorted(RECIPES), default="lenet5")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--epochs", type=int, help="default: the zoo recipe's")
    p.add_argument("--batch", type=int, help="default: the zoo recipe's")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--limit", type=int, help="train on the first N training images only (smoke checks)")
    p.add_argument("--data", default="../shared/data/mnist")
    p.add_argument("--csv", help="append the result row to this CSV file (header written if new)")
    a = p.parse_args()
    batch, epochs = RECIPES[a.net]
    batch = a.batch or batch
    epochs = a.epochs or epochs

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    images, labels = read_mnist(a.data, "train")
    if a.limit:
        images, labels = images[:a.limit], labels[:a.limit]
    x_train, y_train = torch.from_numpy(images.copy()), torch.from_numpy(labels.copy())
    test_images, test_labels = read_mnist(a.data, "t10k")
    x_test, y_test = torch.from_numpy(test_images.copy()), torch.from_numpy(test_labels.copy())
    print(f"pytorch {torch.__version__}, threads {torch.get_num_threads()}, BLAS: {blas_name()}; {a.net}, "
          f"seed {a.seed}, batch {batch}, {epochs} epochs, {len(x_train)} training / {len(x_test)} test images",
          flush=True)

    model = NETWORKS[a.net]()
    keras_init(model)
    opt = torch.optim.Adam(model.parameters(), lr=0.001, eps=1e-7)
    training_seconds = 0.0
    for epoch in range(1, epochs + 1):
        model.train()
        perm = torch.randperm(len(x_train))
        start = time.perf_counter()
        total_loss, correct = 0.0, 0
        for i in range(0, len(x_train), batch):
            idx = perm[i:i + batch]
            opt.zero_grad()
            logits = model(x_train[idx])
            loss = F.cross_entropy(logits, y_train[idx])
            loss.backward()
            opt.step()
            total_loss += loss.item() * len(idx)
            correct += (logits.argmax(1) == y_train[idx]).sum().item()
        seconds = time.perf_counter() - start
        training_seconds += seconds
        test_loss, wrong = evaluate(model, x_test, y_test)
        print(f"epoch {epoch:3d}: loss {total_loss / len(x_train):.4f}, accuracy {correct / len(x_train):.4f}, "
              f"test loss {test_loss:.4f}, test accuracy {1 - wrong / len(x_test):.4f} ({wrong} wrong), "
              f"{seconds:.1f} s", flush=True)

    row = {"framework": f"pytorch-{torch.__version__}", "network": a.net, "seed": a.seed, "epochs": epochs,
           "test_accuracy": f"{1 - wrong / len(x_test):.4f}", "test_loss": f"{test_loss:.4f}", "wrong": wrong,
           "seconds": f"{training_seconds:.1f}", "command": shlex.join([sys.executable] + sys.argv)}
    print("RESULT " + ",".join(str(row[c]) for c in CSV_COLUMNS[:-1]), flush=True)
    if a.csv:
        append_row(a.csv, row)


if __name__ == "__main__":
    main()
