#!/usr/bin/env bash
# On-chip desire learning at the chip's size: a 784-H-10 learning core (B = 8, E = (0, 8), K = 16) learns N
# consecutive Fashion-MNIST training samples in Verilator (or Icarus, or both), every shadow weight compared with the golden
# model after every sample (see docs/benchmarks.md).
# Usage: bench/run-fashion-learning-rtl-check.sh [samples=1000] [hidden=128] [lanes=4] [board=icebreaker] [pretrain=0] [work dir] [sim=verilator|icarus|both]
# Builds with the Maven reactor (package, no install).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o -pl bench -am package -DskipTests >/dev/null
export CHISEL_FIRTOOL_CACHE="${CHISEL_FIRTOOL_CACHE:-$PWD/bench/target/llvm-firtool}"
exec java -Xmx12g -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  dev.spikeforge.bench.FashionLearningRtlCheck "$@"
