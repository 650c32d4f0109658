#!/usr/bin/env bash
# ECP5 estimate of a learning core that does not fit the iCE40 UP5K (docs/benchmarks.md, "Learning core at
# 24 MHz", issue 11: "if it cannot fit, say by how much and what the smallest part is"): the recommended
# learning configuration (docs/learning.md 3.6) as an inference-only and a learning core of the same network,
# each in the UART board top, every memory in block RAM (ECP5 has no SPRAM), synthesised by yosys synth_ecp5
# for the LFE5U-25F (LUT4, FF, DP16KD, MULT18X18D; no nextpnr-ecp5 here, so no placement and no Fmax).
# Usage: bench/run-learning-core-ecp5.sh [work dir=target/learning-core-ecp5] [sizes=784,128,10] [lanes=2]
#        [part=LFE5U-25F]
# Builds with the Maven reactor (package, no install); yosys runs under nice -n 10 (a few minutes per core).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="${1:-target/learning-core-ecp5}"
SIZES="${2:-784,128,10}"
LANES="${3:-2}"
PART="${4:-LFE5U-25F}"
[ "${SKIP_BUILD:-0}" = 1 ] || mvn -q -B -o -pl bench -am package -DskipTests >/dev/null
export CHISEL_FIRTOOL_CACHE="${CHISEL_FIRTOOL_CACHE:-$PWD/bench/target/llvm-firtool}"
mkdir -p "$WORK"
uptime
nice -n 10 java -Xmx6g -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  dev.spikeforge.bench.LearningCoreCost "$WORK" "$SIZES" "$LANES" both "$PART"
uptime
