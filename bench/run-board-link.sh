#!/usr/bin/env bash
# Board link (issue 13 item 5; docs/benchmarks.md, "Board link: pixels encoded on chip"): a random 784-128-10
# network with 4-bit weights (rate coding, T = 20) compiled with P lanes, its board top
# simulated at the pins in Verilator at a 24 MHz core clock with the host's real UART bit timing, IMAGES
# Fashion-MNIST test images streamed back to back by BoardClient, every answer checked against the golden model:
#   1. the pixel-input top (PIXELS frames, encoded on chip) at 3 Mbaud (divisor 8);
#   2. the spike-frame top at 3 Mbaud (the same link speed, one SPARSE/BITMAP frame per step);
#   3. the spike-frame top at its default 115200 baud (what a board ran before).
# Each prints clocks per image at the link (images/s end to end), the core's own clocks per image (cycle model)
# and the host API's framing rate. The weights are compiled into block RAM (--weight-memory bram), not the SPRAM
# the iCEBreaker build uses, so that no 100 kB LOAD precedes the images in simulation and the spike-frame top
# (whose LOAD parser keeps version 2's 8-bit memory register, which Verilator -Wall refuses) has no load port;
# the core's datapath and schedule are the same.
# Usage: bench/run-board-link.sh [work dir=target/board-link] [images=20] [lanes=4]
# Builds with the Maven reactor (package, no install). Takes a few minutes per run on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="${1:-target/board-link}"
IMAGES="${2:-20}"
LANES="${3:-4}"
[ "${SKIP_BUILD:-0}" = 1 ] || mvn -q -B -o -pl cli -am package -DskipTests >/dev/null
export CHISEL_FIRTOOL_CACHE="${CHISEL_FIRTOOL_CACHE:-$PWD/cli/target/llvm-firtool}"
sf() { java -Xmx6g -cp "cli/target/cli-0.1.0-SNAPSHOT.jar:cli/target/lib/*" dev.spikeforge.cli.Main "$@"; }
mkdir -p "$WORK"
sf model random --sizes 784,128,10 --weight-width 4 --membrane-width 12 --timesteps 20 --seed 1 -o "$WORK/net.json"
rm -rf "$WORK/build"
sf compile "$WORK/net.json" --lanes "$LANES" --weight-memory bram -o "$WORK/build"
run() {
  local t0 t1
  t0=$(date +%s)
  sf board simulate "$WORK/build" --freq 24 --limit "$IMAGES" --work "$WORK/sim" "$@"
  t1=$(date +%s)
  echo "[bench] board simulate $*: $((t1 - t0)) s wall (load $(cut -d' ' -f1-3 /proc/loadavg))"
}
run --input pixels
run --input spikes --baud 3000000
run --input spikes
