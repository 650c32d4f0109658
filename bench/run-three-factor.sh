#!/usr/bin/env bash
# Three-factor weight and delay learning on the delay-pattern task (see docs/benchmarks.md).
# Usage: bench/run-three-factor.sh [epochs=40] [threads=2] [feedback=SYMMETRIC|RANDOM] [variant-name filter, e.g. synaptic]
# Builds golden-model and bench in the reactor (no install) and runs the benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl bench -am package -DskipTests >/dev/null
exec java -Xmx2g -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  dev.spikeforge.bench.ThreeFactorDelayLearning "$@"
