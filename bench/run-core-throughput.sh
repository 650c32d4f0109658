#!/usr/bin/env bash
# Neuron-array core throughput in Verilator: synaptic ops per clock vs the memory-bandwidth bound
# (see docs/benchmarks.md). Every configuration is also verified bit-exact against the golden model.
# Usage: bench/run-core-throughput.sh [samples=20] [work dir=target/core-throughput]
# Builds with the Maven reactor (package, no install).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o -pl bench -am package -DskipTests >/dev/null
export CHISEL_FIRTOOL_CACHE="${CHISEL_FIRTOOL_CACHE:-$PWD/bench/target/llvm-firtool}"
exec java -Xmx8g -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  dev.spikeforge.bench.CoreThroughput "$@"
