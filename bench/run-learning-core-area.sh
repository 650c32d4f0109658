#!/usr/bin/env bash
# Area of a 784-H-10 core alone (no board top) in the recommended learning configuration (docs/learning.md
# §3.6), learning or inference-only, on the iCE40 UP5K: yosys synth_ice40 -dsp flat (the totals: LUT4, FF,
# carries, EBR, SPRAM, DSP), then with the logic modules' hierarchy kept (per module), and optionally nextpnr-ice40 on the flat netlist
# with every core port left unconstrained (logic cells after packing, Fmax at 24 MHz).
# Usage: bench/run-learning-core-area.sh OUT SIZES LANES learning|inference [pnr]
# e.g.   bench/run-learning-core-area.sh target/area 784,128,10 2 learning pnr
# Builds with the Maven reactor (package, no install). See docs/benchmarks.md, "Learning core area on the UP5K".
set -euo pipefail
cd "$(dirname "$0")/.."
out=$1 sizes=$2 lanes=$3 mode=$4 pnr=${5:-}
mvn -q -B -o -pl bench -am package -DskipTests >/dev/null
export CHISEL_FIRTOOL_CACHE="${CHISEL_FIRTOOL_CACHE:-$PWD/bench/target/llvm-firtool}"
rm -rf "$out" && mkdir -p "$out"
java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" dev.spikeforge.bench.LearningCoreRtl \
  "$out" "$sizes" "$lanes" "$mode"
cd "$out"
shopt -s nullglob
srcs="$(echo *.sv *.v)"
nice -n 10 yosys -q -l flat.log -p "read_verilog -sv $srcs; synth_ice40 -dsp -top SnnCore -json flat.json; tee -o flat.stat stat" >/dev/null
# per module: the logic modules keep their hierarchy, the memory wrappers flatten into them (so they map to
# block RAM as in the flat run rather than to logic, as a plain -noflatten run would)
nice -n 10 yosys -q -l hier.log -p "read_verilog -sv $srcs; hierarchy -top SnnCore;
  setattr -mod -set keep_hierarchy 1 DesireLearner LayerEngine* LifNeuronPipe* ReadoutUnit* InputPacker*;
  synth_ice40 -dsp -top SnnCore; tee -o hier.stat stat" >/dev/null
echo "== flat (whole core)"
sed -n '/=== SnnCore ===/,$p' flat.stat | grep -E 'Number of cells|SB_LUT4|SB_CARRY|SB_DFF|SB_RAM|SB_SPRAM|SB_MAC16' \
  | awk '{ if ($1 ~ /SB_DFF/) ff += $2; else print } END { print "     flip-flops (SB_DFF*) " ff }'
echo "== per module (hierarchy kept, memories in their modules)"
awk '/^=== /{m=$2} /SB_LUT4/{l[m]=$2} /SB_CARRY/{c[m]=$2} /SB_DFF/{f[m]+=$2} /SB_MAC16/{d[m]=$2}
     END { for (k in l) printf "%-40s LUT4 %6d  FF %5d  carries %5d  DSP %d\n", k, l[k], f[k], c[k], d[k] }' hier.stat | sort -k3 -n -r
if [ "$pnr" = pnr ]; then
  nice -n 10 nextpnr-ice40 --up5k --package sg48 --json flat.json --freq 24 --seed 1 --pcf-allow-unconstrained \
    --timing-allow-fail --log pnr.log >/dev/null 2>&1 || true
  grep -E 'ICESTORM_LC|ICESTORM_RAM|ICESTORM_SPRAM|ICESTORM_DSP|Max frequency' pnr.log | tail -6
fi
