#!/usr/bin/env bash
# Golden-model inference throughput on Fashion-MNIST (see docs/benchmarks.md).
# Usage: bench/run-golden-throughput.sh [images=10000] [threads=all cores]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp -pl bench -am package -DskipTests >/dev/null
exec java -Xmx4g -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  dev.spikeforge.bench.GoldenModelThroughput "$@"
