#!/usr/bin/env bash
# SPRAM acceptance run (docs/benchmarks.md, "SPRAM weight memories on the iCEBreaker"): a random
# 784-128-10 network with 4-bit weights, compiled with P lanes for the iCEBreaker (the 784x128
# layer's weights go to SPRAM, loaded through the core's load port), verified bit-exact against the
# golden model in Verilator and Icarus on 20 Poisson samples, then synthesized, placed and routed
# (yosys, nextpnr-ice40, icepack) into a bitstream. P = 16 and P = 8 do not fit the UP5K (see the doc).
# Usage: bench/run-spram-icebreaker.sh [work dir=target/spram-icebreaker] [samples=20] [lanes=4]
# Builds with the Maven reactor (package, no install). Takes tens of minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="${1:-target/spram-icebreaker}"
SAMPLES="${2:-20}"
LANES="${3:-4}"
[ "${SKIP_BUILD:-0}" = 1 ] || mvn -q -B -o -pl cli -am package -DskipTests >/dev/null
export CHISEL_FIRTOOL_CACHE="${CHISEL_FIRTOOL_CACHE:-$PWD/cli/target/llvm-firtool}"
sf() { java -Xmx6g -cp "cli/target/cli-0.1.0-SNAPSHOT.jar:cli/target/lib/*" dev.spikeforge.cli.Main "$@"; }
mkdir -p "$WORK"
sf model random --sizes 784,128,10 --weight-width 4 --membrane-width 12 --timesteps 20 --seed 1 -o "$WORK/net.json"
rm -rf "$WORK/build"
sf compile "$WORK/net.json" --lanes "$LANES" --board icebreaker --smoke-samples "$SAMPLES" -o "$WORK/build"
t0=$(date +%s)
sf verify "$WORK/build" --sim both
t1=$(date +%s)
echo "[bench] verify (Verilator + Icarus, $SAMPLES samples): $((t1 - t0)) s"
sf bitstream "$WORK/build" --board icebreaker --allow-timing-fail
t2=$(date +%s)
echo "[bench] bitstream: $((t2 - t1)) s"
grep -h -A3 -i "critical path" "$WORK"/build/bitstream/*nextpnr*.log 2>/dev/null | head -40 || true
