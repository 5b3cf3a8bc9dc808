#!/usr/bin/env bash
# Every framework on every workload, interleaved, from the repository root:
#   bench/compare.sh [--rounds R] [--threads N] [--epochs E] [--train-images N] [--positions N]
#                    [--passes P] [--sgemm-size N] [--workloads W,...] [--peers P,...] [--data MNIST_DIR]
# Workloads (default all): lenet5-train, mnist-cnn-train (images/s of epochs 2..E, the first N MNIST t10k
# images, batch 128, Adam 0.001), alphago-policy-192-train (positions/s of epochs 2..E on N synthetic
# 19x19x48 positions, batch 16, SGD 0.003), sgemm-peak (numpy/OpenBLAS GFLOP/s), mnist-inference
# (images/s of prediction passes 2..P over the 10,000 t10k images). Peers (default all): pytorch, djl,
# onnxruntime. Each round runs each workload once per framework, the order turning round by round, all
# with the same thread count; then a table, one "RATIO <workload> <peer> <median of ours/peer>" line per
# workload and peer, and the alphago network's GFLOP/s against the sgemm peak.
# Defaults (3 rounds, 3 epochs, 8,000 images, 256 positions) take about 15 minutes on 2 quiet cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
usage() { sed -n '2,12p' "$0" >&2; exit 2; }

rounds=3 threads="$(nproc)" epochs=3 train_images=8000 positions=256 passes=4 sgemm_size=4096
workloads="lenet5-train,mnist-cnn-train,alphago-policy-192-train,sgemm-peak,mnist-inference"
peers="pytorch,djl,onnxruntime" data="$root/../shared/data/mnist" python=/usr/bin/python3
while [[ $# -gt 0 ]]; do
  [[ $# -ge 2 ]] || usage
  case "$1" in
    --rounds) rounds="$2" ;;
    --threads) threads="$2" ;;
    --epochs) epochs="$2" ;;
    --train-images) train_images="$2" ;;
    --positions) positions="$2" ;;
    --passes) passes="$2" ;;
    --sgemm-size) sgemm_size="$2" ;;
    --workloads) workloads="$2" ;;
    --peers) peers="$2" ;;
    --data) data="$(cd "$2" && pwd)" ;;
    *) usage ;;
  esac
  shift 2
done
has() { [[ ",$1," == *",$2,"* ]]; }
work="$root/bench/target/compare"
rm -rf "$work" && mkdir -p "$work/logs"

# ---- peers: what is here, and how to get what is not
if has "$peers" djl; then
  echo "building (reactor, nothing installed) with the peers profile (DJL 0.36.0 on PyTorch 2.7.1)"
  if ! mvn -q -B -ntp -Dstyle.color=never -Ppeers -pl bench -am package -DskipTests dependency:build-classpath \
      -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >"$work/logs/build.log" 2>&1; then
    echo "DJL skipped: the -Ppeers build failed (it needs ai.djl:api, ai.djl.pytorch:pytorch-engine 0.36.0,"
    echo "  pytorch-jni 2.7.1-0.36.0 and pytorch-native-cpu 2.7.1:linux-x86_64 from Maven Central); see $work/logs/build.log"
    peers="${peers//djl/}"
  fi
fi
if ! has "$peers" djl; then
  echo "building (reactor, nothing installed)"
  mvn -q -B -ntp -Dstyle.color=never -pl bench -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
python_ok=yes
if ! "$python" -c 'import torch, numpy' 2>/dev/null; then
  python_ok=no
  echo "PyTorch and sgemm-peak skipped: $python cannot import torch and numpy."
  echo "  Install Debian's: sudo apt-get install python3-torch python3-numpy libopenblas0-openmp"
  peers="${peers//pytorch/}" workloads="${workloads//sgemm-peak/}"
elif ! dpkg -s libopenblas0-openmp >/dev/null 2>&1; then
  echo "warning: libopenblas0-openmp is not installed, so PyTorch and numpy use the reference BLAS:"
  echo "  sudo apt-get install libopenblas0-openmp"
fi

# ---- the same thread count everywhere; TensorFlow's variables as the zoo launcher sets them
export TF_ENABLE_ONEDNN_OPTS="${TF_ENABLE_ONEDNN_OPTS:-1}" TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
export OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads"
# DJL: the CPU flavour, unpacked (about 450 MB, on first use) under bench/target, never downloaded at run time.
export PYTORCH_FLAVOR=cpu DJL_CACHE_DIR="$root/bench/target/djl-cache" ENGINE_CACHE_DIR="$root/bench/target/djl-cache"
djl_flags=(-Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1)
# ZooModel.predict uses every core the JVM sees: fewer threads than cores means pinning both inference sides.
pin=()
if [[ "$threads" -lt "$(nproc)" ]]; then pin=(taskset -c "0-$((threads - 1))"); fi

# ---- one run: framework $2 on workload $1
run_one() {
  local w="$1" f="$2"
  case "$w/$f" in
    lenet5-train/zoo | mnist-cnn-train/zoo)
      java -cp "$cp" org.tribuozoo.bench.compare.ZooSide "$w" --data "$data" --train-images "$train_images" \
        --epochs "$epochs" --threads "$threads" ;;
    lenet5-train/pytorch | mnist-cnn-train/pytorch)
      "$python" -B bench/pytorch/mnist_bench.py --data "$data" --nets "${w%-train}" --epochs "$epochs" \
        --threads "$threads" --train-images "$train_images" ;;
    lenet5-train/djl | mnist-cnn-train/djl)
      java "${djl_flags[@]}" -cp "$cp" org.tribuozoo.bench.compare.DjlSide "$w" --data "$data" \
        --train-images "$train_images" --epochs "$epochs" ;;
    alphago-policy-192-train/zoo)
      java -cp "$cp" org.tribuozoo.bench.compare.ZooSide "$w" --positions "$work/positions.bin" \
        --epochs "$epochs" --threads "$threads" ;;
    alphago-policy-192-train/pytorch)
      "$python" -B bench/pytorch/alphago_policy_bench.py --positions "$work/positions.bin" --filters 192 \
        --epochs "$epochs" --threads "$threads" ;;
    sgemm-peak/numpy)
      "$python" -B bench/pytorch/sgemm_peak.py --size "$sgemm_size" --passes "$passes" ;;
    mnist-inference/zoo)
      "${pin[@]}" java -cp "$cp" org.tribuozoo.bench.compare.ZooSide "$w" --model "$work/lenet5.zoo" \
        --data "$data" --passes "$passes" ;;
    mnist-inference/onnxruntime)
      "${pin[@]}" java -cp "$cp" org.tribuozoo.bench.compare.OnnxSide "$w" --onnx "$work/lenet5.onnx" \
        --model "$work/lenet5.zoo" --data "$data" --threads "$threads" --passes "$passes" ;;
  esac
}
frameworks_of() {
  case "$1" in
    lenet5-train | mnist-cnn-train) echo zoo pytorch djl ;;
    alphago-policy-192-train) echo zoo pytorch ;;
    sgemm-peak) echo numpy ;;
    mnist-inference) echo zoo onnxruntime ;;
    *) echo "unknown workload $1" >&2; exit 2 ;;
  esac | tr ' ' '\n' | while read -r f; do
    if [[ "$f" == zoo || "$f" == numpy ]] || has "$peers" "$f"; then echo "$f"; fi
  done
}
unit_of() { case "$1" in alphago-*) echo positions/s ;; sgemm-peak) echo GFLOP/s ;; *) echo images/s ;; esac; }
load() { cut -d' ' -f1 /proc/loadavg; } # the 1-minute load average
# The mean of a log's RESULT figures (field 4) after the first pass, which is warm-up; the first alone if only one.
figure() { awk '$1 == "RESULT" { v[++n] = $4 } END { if (!n) print "NaN"; else if (n == 1) print v[1];
  else { for (i = 2; i <= n; i++) s += v[i]; printf "%.2f", s / (n - 1) } }' "$1"; }

# ---- setup: the positions and the inference model every side shares
has "$workloads" alphago-policy-192-train &&
  java -cp "$cp" org.tribuozoo.bench.compare.ZooSide write-positions --count "$positions" --out "$work/positions.bin"
if has "$workloads" mnist-inference; then
  echo "training the lenet5 that both inference sides predict with (one epoch, 8,000 t10k images)"
  java -cp "$cp" org.tribuozoo.bench.compare.ZooSide prepare-inference --data "$data" --threads "$threads" \
    --out "$work" >"$work/logs/prepare-inference.log" 2>&1 || { cat "$work/logs/prepare-inference.log"; exit 1; }
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(uname -sr);" \
  "$rounds rounds, $threads threads everywhere, $epochs epochs, $train_images MNIST images, $positions positions"
results="$work/results.tsv"
: >"$results"
for r in $(seq 1 "$rounds"); do
  for w in ${workloads//,/ }; do
    mapfile -t fws < <(frameworks_of "$w")
    n="${#fws[@]}"
    for i in $(seq 0 $((n - 1))); do
      f="${fws[$(((i + r - 1) % n))]}" # each round starts with another framework
      log="$work/logs/round$r-$w-$f.log"
      l0="$(load)"
      if ! run_one "$w" "$f" >"$log" 2>&1; then echo "  (failed, see $log)"; fi
      l1="$(load)"
      v="$(figure "$log")"
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$w" "$f" "$v" "$l0" "$l1" >>"$results"
      printf 'round %d %-25s %-12s %10s %-12s load %s -> %s\n' "$r" "$w" "$f" "$v" "$(unit_of "$w")" "$l0" "$l1"
    done
  done
done

# ---- summary
echo
echo "versions:"
grep -h '^VERSION' "$work"/logs/round1-*.log | sort -u | sed 's/^VERSION /  /'
echo
# The median of the figures on standard input, failed runs (NaN) left out.
median() { tr ' ' '\n' | { grep -v -e '^$' -e NaN || true; } | sort -g |
  awk '{ v[NR] = $1 } END { if (!NR) print "NaN"; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
values() { awk -F'\t' -v w="$1" -v f="$2" '$2 == w && $3 == f { printf "%s ", $4 }' "$results"; }
printf '| workload | framework | unit |'; for r in $(seq 1 "$rounds"); do printf ' round %d |' "$r"; done
printf ' median |\n|---|---|---|'; for r in $(seq 1 "$rounds"); do printf -- '---|'; done; printf -- '---|\n'
for w in ${workloads//,/ }; do
  for f in $(frameworks_of "$w"); do
    printf '| %s | %s | %s |' "$w" "$f" "$(unit_of "$w")"
    for v in $(values "$w" "$f"); do printf ' %s |' "$v"; done
    printf ' %s |\n' "$(values "$w" "$f" | median)"
  done
done
echo
for w in ${workloads//,/ }; do
  for f in $(frameworks_of "$w"); do
    [[ "$f" == zoo || "$f" == numpy ]] && continue
    ratios="$(paste -d' ' <(values "$w" zoo | tr ' ' '\n') <(values "$w" "$f" | tr ' ' '\n') |
      awk 'NF == 2 { print ($1 == "NaN" || $2 == "NaN" || $2 == 0) ? "NaN" : $1 / $2 }' | tr '\n' ' ')"
    printf 'RATIO %s %s %.3f   (per round: %s)\n' "$w" "$f" "$(echo "$ratios" | median)" "$ratios"
  done
done
if has "$workloads" alphago-policy-192-train; then
  # Training a position costs forward + backward, about 3x the forward pass's multiply-adds x 2 FLOP:
  # 361 points x (5x5x48 x K + 11 x 3x3xK x K + K) with K = 192 filters.
  flop="$(awk 'BEGIN { k = 192; printf "%.0f", 6 * 361 * (25 * 48 * k + 11 * 9 * k * k + k) }')"
  peak="$(has "$workloads" sgemm-peak && values sgemm-peak numpy | median || echo NaN)"
  echo "alphago-policy-192: $(awk -v f="$flop" 'BEGIN { printf "%.2f", f / 1e9 }') GFLOP per trained position;" \
    "measured sgemm peak $peak GFLOP/s"
  for f in $(frameworks_of alphago-policy-192-train); do
    pps="$(values alphago-policy-192-train "$f" | median)"
    awk -v f="$f" -v p="$pps" -v flop="$flop" -v peak="$peak" 'BEGIN { g = p * flop / 1e9;
      printf "GFLOPS alphago-policy-192-train %s %.1f GFLOP/s, %s of the sgemm peak\n", f, g,
        (peak == "NaN" || peak == 0) ? "n/a" : sprintf("%.3f", g / peak) }'
  done
fi
echo "logs and results.tsv: $work"
