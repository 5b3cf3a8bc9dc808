#!/usr/bin/env bash
# The MNIST benchmark in one command, from the repository root:
#   bench/run.sh [--epochs N] [--nets lenet5,mnist-cnn] [--threads N] [--inter N] [--no-pytorch]
# Builds tf-graph and bench, trains both networks with tf-graph, then runs bench/pytorch/mnist_bench.py
# with Debian's /usr/bin/python3 (python3-torch; libopenblas0-openmp makes it use OpenBLAS) on the
# same split and recipe, and prints a table with the ratio.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -pl bench -am install -DskipTests
mvn -q -B -pl bench dependency:build-classpath -Dmdep.outputFile="$root/bench/target/classpath.txt"
# TensorFlow reads these when its native library loads: oneDNN on, INFO logging off.
export TF_ENABLE_ONEDNN_OPTS="${TF_ENABLE_ONEDNN_OPTS:-1}"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.tribuozoo.bench.MnistBenchmark "$@"
