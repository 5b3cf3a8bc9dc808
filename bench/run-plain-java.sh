#!/usr/bin/env bash
# A Tribuo user's plain `java -cp` program against `./zoo train`: lenet5 on MNIST's 60,000 training
# images, the same recipe and seed, interleaved, from the repository root:
#   bench/run-plain-java.sh [--epochs E] [--rounds R] [--data MNIST_DIR]
# Each round runs both once: org.tribuozoo.bench.PlainJavaLenet5 with plain `java -cp` (the library's
# classpath, no JVM flag) and NO TensorFlow variable in its environment; then `./zoo train` with the
# environment its launcher used to export (TF_ENABLE_ONEDNN_OPTS=1, TF_CPP_MIN_LOG_LEVEL=2), the known
# fast configuration. A run's figure is the mean examples/s of epochs 2..E (epoch 1 includes
# TensorFlow's graph optimisation); the last lines give each side's median over the rounds and the ratio.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
epochs=3 rounds=3 data="$root/../shared/data/mnist"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --epochs) epochs="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --data) data="$(cd "$2" && pwd)"; shift 2 ;;
    *) echo "usage: bench/run-plain-java.sh [--epochs E] [--rounds R] [--data MNIST_DIR]" >&2; exit 2 ;;
  esac
done
# Builds in the reactor (nothing installed); each module writes its own target/classpath.txt.
mvn -q -B -ntp package dependency:build-classpath -DskipTests -pl bench,cli -am \
  -Dmdep.outputFile=target/classpath.txt
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The mean examples/s of epochs 2..E in a log of "epoch N: ... X examples/s" lines.
throughput() { grep -o 'epoch [0-9]*:.* [0-9]* examples/s' "$1" | awk '{ n = $2 + 0; if (n >= 2) { s += $(NF-1); c++ } } END { if (c) printf "%.0f", s / c; else print "NaN" }'; }
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
load() { cut -d' ' -f1 /proc/loadavg; }

echo "lenet5, MNIST train (60,000 images), $epochs epochs, $rounds rounds; $(nproc) cores; $(java -version 2>&1 | head -1)"
plain_all="" zoo_all=""
for r in $(seq 1 "$rounds"); do
  l0="$(load)"
  env -u TF_ENABLE_ONEDNN_OPTS -u TF_CPP_MIN_LOG_LEVEL \
    java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.tribuozoo.bench.PlainJavaLenet5 \
    "$data" "$epochs" >"$work/plain.out" 2>"$work/plain.err"
  l1="$(load)"
  TF_ENABLE_ONEDNN_OPTS=1 TF_CPP_MIN_LOG_LEVEL=2 ./zoo train lenet5 --train "idx:$data:train" \
    --test "idx:$data:t10k" --epochs "$epochs" --seed 1 --out "$work/zoo-$r" >"$work/zoo.out" 2>"$work/zoo.err"
  l2="$(load)"
  p="$(throughput "$work/plain.out")" z="$(throughput "$work/zoo.err")"
  plain_all+=" $p" zoo_all+=" $z"
  echo "round $r: plain java -cp $p examples/s (load $l0 -> $l1), ./zoo train $z examples/s (load $l1 -> $l2)"
  if grep -q 'tensorflow/' "$work/plain.err"; then echo "  the plain program's stderr has native TensorFlow lines:"; grep 'tensorflow/' "$work/plain.err"; fi
done
grep '^native settings' "$work/plain.out"
p="$(echo "$plain_all" | median)" z="$(echo "$zoo_all" | median)"
echo "median: plain java -cp $p examples/s, ./zoo train $z examples/s, plain / zoo = $(awk -v p="$p" -v z="$z" 'BEGIN { printf "%.3f", p / z }')"
