#!/usr/bin/env bash
# Consecutive training samples on a learning core in RTL simulation (Icarus by default), every weight
# bit-exact with the golden model after every sample; prints the wall time (docs/benchmarks.md).
# Usage: bench/run-learning-rtl.sh [samples=100] [sim=icarus|verilator|both] [sizes=16-8-4] [lanes=4] [work dir=target/learning-rtl]
# Builds with the Maven reactor (package, no install).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o -pl bench -am package -DskipTests >/dev/null
export CHISEL_FIRTOOL_CACHE="${CHISEL_FIRTOOL_CACHE:-$PWD/bench/target/llvm-firtool}"
exec java -Xmx4g -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  dev.spikeforge.bench.LearningRtlBench "$@"
