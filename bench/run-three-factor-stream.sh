#!/usr/bin/env bash
# The three-factor rule on a row-by-row image stream (Fashion-MNIST by default): weights + delays against
# weights only at equal parameter count, feedforward and recurrent, integer and hardware form, several seeds
# (docs/benchmarks.md, "Three-factor rule on a row-by-row image stream").
# Usage: bench/run-three-factor-stream.sh [key=value ...]   keys and defaults: ThreeFactorImageStream.main, e.g.
#   bench/run-three-factor-stream.sh epochs=20 seeds=1,2 forms=INT,HARDWARE
# Needs the data: apt-get install dataset-fashion-mnist (or dataset=mnist-subset, docs/datasets.md §1.2).
# Builds the reactor modules bench needs (no install) and runs the benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl bench -am package -DskipTests >/dev/null
exec java -Xmx3g -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  dev.spikeforge.bench.ThreeFactorImageStream "$@"
