#!/usr/bin/env bash
# Fashion-MNIST-sized RTL check: 784-128-10 (4-bit weights) verified bit-exact in Verilator on the
# Fashion-MNIST test images (see docs/benchmarks.md).
# Usage: bench/run-fashion-rtl-check.sh [images=10000] [lanes=16] [work dir=target/fashion-rtl-check] [network.json] [board]
# (network.json: an integer network to check, e.g. a trained one; default: seeded random weights;
#  board, e.g. icebreaker: map as `compile --board` does, large weight memories in SPRAM)
# Builds with the Maven reactor (package, no install).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o -pl bench -am package -DskipTests >/dev/null
export CHISEL_FIRTOOL_CACHE="${CHISEL_FIRTOOL_CACHE:-$PWD/bench/target/llvm-firtool}"
exec java -Xmx12g -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  dev.spikeforge.bench.FashionMnistRtlCheck "$@"
