#!/usr/bin/env bash
# The Go data benchmarks (JDK only, no TensorFlow), from the repository root:
#   bench/run-go.sh ReplayBenchmark  [paths...]
#   bench/run-go.sh FeatureBenchmark [GAMES [paths...]]
#   bench/run-go.sh ConvertBenchmark OUT_DIR MAX_POSITIONS [inputs...]
# Paths default to ../shared/data/go/kgs-6d. JAVA_OPTS defaults to -Xmx4g.
set -euo pipefail
if [[ $# -lt 1 ]]; then
  sed -n '2,6p' "$0" >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
benchmark="$1"
shift
# Built through the reactor (nothing installed); bench is built last, so the class path file is bench's.
mvn -q -B -pl bench -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile="$root/bench/target/classpath.txt" -Dmdep.includeScope=runtime
exec java ${JAVA_OPTS:--Xmx4g} -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  "org.tribuozoo.bench.go.$benchmark" "$@"
