#!/usr/bin/env bash
# The cost of on-chip learning on the iCEBreaker (docs/benchmarks.md, "Learning core on the UP5K", issue 11):
# the recommended learning configuration (docs/learning.md 3.6: B = 8, E = (0, 8), K = 16, T = 20, Fashion
# dropout 0.05/0.40) as an inference-only core and as a learning core of the same network, each inside the
# UART board top (the learning top with TRAIN/READ), through yosys, nextpnr-ice40 (24 MHz target, seed 1,
# timing failures allowed, so Fmax is always reported) and icepack; a core that does not fit is reported by
# yosys' counts against the part (what and by how much). Then clocks per training sample from a Verilator run
# of the learning harness (bit-exact against the golden reference, or the script fails).
# Usage: bench/run-learning-core-cost.sh [work dir=target/learning-core-cost] [sizes=784,128,10] [lanes=2]
#        [clock samples=4]
# Builds with the Maven reactor (package, no install). Each core takes 5-20 min of yosys/nextpnr on a loaded
# 2-core machine (nice -n 10).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="${1:-target/learning-core-cost}"
SIZES="${2:-784,128,10}"
LANES="${3:-2}"
SAMPLES="${4:-4}"
[ "${SKIP_BUILD:-0}" = 1 ] || mvn -q -B -o -pl bench -am package -DskipTests >/dev/null
export CHISEL_FIRTOOL_CACHE="${CHISEL_FIRTOOL_CACHE:-$PWD/bench/target/llvm-firtool}"
run() { nice -n 10 java -Xmx6g -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" "$@"; }
mkdir -p "$WORK"
uptime
run dev.spikeforge.bench.LearningCoreCost "$WORK" "$SIZES" "$LANES" both
[ "$SAMPLES" = 0 ] || run dev.spikeforge.bench.LearningClocks "$WORK" "$SIZES" "$LANES" "$SAMPLES"
uptime
