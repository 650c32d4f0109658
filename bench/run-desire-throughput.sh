#!/usr/bin/env bash
# Desire-backpropagation training throughput (see docs/benchmarks.md, "Desire backpropagation").
# Usage: bench/run-desire-throughput.sh [samples=3000] [arch=784-1000-100-10] [precisions=float,int] [threads=1,2]
# Prints samples/s per thread count, each count's speed-up over the first (wall-clock, and over the samples
# during which the team had its cores) and whether every count gave identical bits (outcomes, final weights).
# Builds with the Maven reactor (package, no install) and runs the harness.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o -pl bench -am package -DskipTests >/dev/null
exec java -Xmx4g -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  dev.spikeforge.bench.DesireThroughput "$@"
