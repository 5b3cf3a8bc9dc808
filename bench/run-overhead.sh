#!/usr/bin/env bash
# The Tribuo-layer overhead benchmark, from the repository root: bench/run-overhead.sh [--epochs N] [--net NAME]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -pl bench -am install -DskipTests
mvn -q -B -pl bench dependency:build-classpath -Dmdep.outputFile="$root/bench/target/classpath.txt"
export TF_ENABLE_ONEDNN_OPTS="${TF_ENABLE_ONEDNN_OPTS:-1}"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.tribuozoo.bench.TribuoOverheadBenchmark "$@"
