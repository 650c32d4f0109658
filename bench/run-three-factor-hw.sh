#!/usr/bin/env bash
# The hardware form of the three-factor rule against today's integer form (and float) on the delay task
# (docs/benchmarks.md, "Three-factor rule: the hardware form").
# Usage: bench/run-three-factor-hw.sh [epochs=40] [threads=2] [forms=INT,HARDWARE] [variant-name filter, e.g. REC] [seeds=1]
# Builds the reactor modules bench needs (no install) and runs the benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl bench -am package -DskipTests >/dev/null
exec java -Xmx2g -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  dev.spikeforge.bench.ThreeFactorHardwareForm "$@"
