#!/usr/bin/env bash
# The MNIST benchmark in one command, from the repository root:
#   bench/run.sh [--epochs N] [--nets lenet5,mnist-cnn] [--threads N] [--intra N] [--replicas N] [--no-pytorch]
# Builds bench in the reactor (installs nothing), trains both networks with tf-graph, then runs
# bench/pytorch/mnist_bench.py with Debian's /usr/bin/python3 (python3-torch; libopenblas0-openmp makes
# it use OpenBLAS) on the same split and recipe, and prints a table with the ratio.
# bench/compare.sh runs every framework on every workload, interleaved over several rounds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# Built through the reactor (nothing installed); each module writes its own target/classpath.txt,
# whose entries are the reactor's own jars.
mvn -q -B -ntp -pl bench -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
# TensorFlow reads these when its native library loads: oneDNN on, INFO logging off.
export TF_ENABLE_ONEDNN_OPTS="${TF_ENABLE_ONEDNN_OPTS:-1}"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.tribuozoo.bench.MnistBenchmark "$@"
