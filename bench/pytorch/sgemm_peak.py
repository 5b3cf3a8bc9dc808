#!/usr/bin/python3
"""bench/compare.sh's sgemm-peak: this machine's measured fp32 matrix-multiply rate.

Multiplies two random N x N float32 matrices with numpy (Debian's numpy calls libblas.so.3, OpenBLAS
when libopenblas0-openmp is installed; its threads come from OPENBLAS_NUM_THREADS / OMP_NUM_THREADS,
which compare.sh sets), `--passes` times, and prints one line per pass:
    RESULT sgemm-peak <pass> <GFLOP/s>
counting 2 N^3 floating-point operations per product.
"""
import argparse
import time

import numpy as np

from machine import blas_name


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--size", type=int, default=4096)
    p.add_argument("--passes", type=int, default=4)
    a = p.parse_args()
    rng = np.random.default_rng(42)
    x = rng.standard_normal((a.size, a.size), dtype=np.float32)
    y = rng.standard_normal((a.size, a.size), dtype=np.float32)
    out = np.empty_like(x)
    print(f"VERSION sgemm numpy {np.__version__}, BLAS {blas_name()}, {a.size}x{a.size} float32", flush=True)
    for i in range(1, a.passes + 1):
        start = time.perf_counter()
        np.matmul(x, y, out=out)
        seconds = time.perf_counter() - start
        print(f"RESULT sgemm-peak {i} {2 * a.size ** 3 / seconds / 1e9:.2f}", flush=True)


if __name__ == "__main__":
    main()
