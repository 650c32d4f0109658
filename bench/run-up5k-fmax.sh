#!/usr/bin/env bash
# Fmax of the neuron-array core inside the UART board top on the iCEBreaker (iCE40UP5K-SG48):
# seeded random networks -> spikeforge compile -> spikeforge bitstream (yosys, nextpnr-ice40 at a
# 24 MHz target, icepack), then one line per core with logic cells, LUT4, FF, EBR, Fmax and the
# start and end of nextpnr's critical path (see docs/benchmarks.md, "UP5K Fmax of the core").
# Usage: bench/run-up5k-fmax.sh [work dir=target/up5k-fmax] [config ...]
#   config = sizes:lanes:weightBits[:timesteps], default: 16,8,4:16:4:8 64,32,10:4:4 128,32,10:4:4
# Place and route takes 1-3 min per core on a loaded 2-core machine; configurations run one after
# the other. Builds the CLI with the Maven reactor (package, no install).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
WORK="${1:-target/up5k-fmax}"
shift || true
CONFIGS=("$@")
if [ ${#CONFIGS[@]} -eq 0 ]; then
  CONFIGS=("16,8,4:16:4:8" "64,32,10:4:4" "128,32,10:4:4")
fi
mvn -q -B -o -pl cli -am package -DskipTests >/dev/null
export CHISEL_FIRTOOL_CACHE="${CHISEL_FIRTOOL_CACHE:-$ROOT/cli/target/llvm-firtool}"
sf() { java -Xmx4g -cp "$ROOT/cli/target/cli-0.1.0-SNAPSHOT.jar:$ROOT/cli/target/lib/*" dev.spikeforge.cli.Main "$@"; }
mkdir -p "$WORK"
printf '%-14s %5s %6s %6s %6s %4s %9s %7s  %s\n' network lanes LC LUT4 FF EBR Fmax/MHz time/s "critical path (from -> to)"
for c in "${CONFIGS[@]}"; do
  IFS=: read -r sizes lanes wbits steps <<<"$c"
  steps="${steps:-20}"
  name="n${sizes//,/-}-p$lanes-w$wbits"
  dir="$WORK/$name"
  rm -rf "$dir" "$dir.json"
  sf model random --sizes "$sizes" --weight-width "$wbits" --timesteps "$steps" --seed 1 -o "$dir.json" >/dev/null
  sf compile "$dir.json" -o "$dir" --lanes "$lanes" >/dev/null
  start=$(date +%s)
  if ! sf bitstream "$dir" --board icebreaker --target-mhz 24 --allow-timing-fail >"$dir.log" 2>&1; then
    printf '%-14s %5s  failed: %s\n' "$sizes" "$lanes" "$(grep -m1 -i -E 'ERROR:|needs' "$dir.log" | cut -c1-150)"
    continue
  fi
  secs=$(( $(date +%s) - start ))
  python3 - "$dir" "$sizes" "$lanes" "$secs" <<'PY'
import json, re, sys
d, sizes, lanes, secs = sys.argv[1:]
u = json.load(open(f"{d}/reports/utilization.json"))["resources"]
t = json.load(open(f"{d}/reports/timing.json"))["clocks"][0]
log = open(f"{d}/bitstream/icebreaker/nextpnr.log").read().split("Critical path report for clock")[-1]
log = log.split("Critical path report for cross-domain")[0]
cells = re.findall(r"Info:\s+[\d.]+\s+[\d.]+\s+Source\s+(\S+)", log)
sink = re.findall(r"Sink\s+(\S+)", log)
short = lambda n: re.sub(r"(_SB_|\$).*", "", n)
path = f"{short(cells[0])} -> {short(sink[-1])}" if cells and sink else "?"
print(f"{sizes:<14} {lanes:>5} {u['logicCells']['used']:>6} {u['lut4']['used']:>6} {u['flipFlops']['used']:>6} "
      f"{u['blockRams']['used']:>4} {t['fmaxMhz']:>9.2f} {secs:>7}  {path}")
PY
done
