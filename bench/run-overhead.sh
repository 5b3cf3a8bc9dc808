#!/usr/bin/env bash
# The Tribuo-layer overhead benchmark, from the repository root: bench/run-overhead.sh [--epochs N] [--net NAME]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# Built through the reactor (nothing installed); each module writes its own target/classpath.txt,
# whose entries are the reactor's own jars.
mvn -q -B -ntp -pl bench -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
export TF_ENABLE_ONEDNN_OPTS="${TF_ENABLE_ONEDNN_OPTS:-1}"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.tribuozoo.bench.TribuoOverheadBenchmark "$@"
