#!/usr/bin/env bash
# Yosys' block-RAM decisions on the cores of the explore estimator's configurations, memory by memory: what
# the estimator's block-RAM rule (flow explore Ice40BlockRams, docs/explore.md "The estimator") re-enacts and
# what Ice40BlockRamsTest checks it against.
# Usage: bench/yosys-libmap-decisions.sh WORK_DIR CONFIG...
#   CONFIG = sizes:weightBits:membraneBits:lanes:board[:binarized][:ftfK], as bench/run-explore-calibration.sh
# For each config: the same seeded random network and compile as bench/run-explore-calibration.sh, then Yosys on
# the core's RTL up to synth_ice40's map_ram step and `debug memory_libmap` with synth_ice40's own arguments
# (WORK_DIR/<config>/libmap.log holds the candidates, costs and choice of every memory). Prints one line per
# memory that has block-RAM candidates:
#   CONFIG MEMORY PORTS SIZE WIDTH ebr=BLOCKS|ff cost=COST logic=LOGIC_COST
# PORTS: rom (a weight image, no write port), loaded (a weight memory the load port writes), state (membranes,
# pending currents, spike list, queues). The core's parameter memories (asynchronous read of word 0) have no
# block-RAM candidate; the board top's FIFO is not in the core. Set SPIKEFORGE to the launcher (default ./spikeforge).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/explore-config.sh"
SF="${SPIKEFORGE:-./spikeforge}"
WORK="$1"; shift
mkdir -p "$WORK"
for cfg in "$@"; do
  dir="$(cd "$WORK" && pwd)/$(explore_config_name "$cfg")"
  if [ ! -f "$dir/build/rtl/SnnCore.sv" ]; then
    explore_compile "$SF" "$cfg" "$dir"
  fi
  if [ ! -f "$dir/libmap.log" ]; then
    printf '%s\n' "read_verilog -sv -DENABLE_INITIAL_MEM_ rtl/SnnCore.sv" "synth_ice40 -top SnnCore -run :map_ram" "tee -q -o $dir/mems.txt dump t:\$mem_v2" \
      "debug memory_libmap -lib +/ice40/brams.txt -lib +/ice40/spram.txt -no-auto-huge" > "$dir/libmap.ys"
    (cd "$dir/build" && yosys -q -l "$dir/libmap.log.tmp" -s "$dir/libmap.ys" >/dev/null)
    mv "$dir/libmap.log.tmp" "$dir/libmap.log"
  fi
  python3 - "$cfg" "$dir" <<'PY'
import re, sys
cfg, d = sys.argv[1], sys.argv[2]
log = open(d + "/libmap.log").read()
# each memory cell's parameters (dumped before memory_libmap): size, width, write ports
shape = {}
for cell in re.split(r"\n(?=  cell \$mem_v2 )", open(d + "/mems.txt").read()):
    p = dict(re.findall(r"parameter \\(SIZE|WIDTH|WR_PORTS) (\d+)", cell))
    memid = re.search(r'parameter \\MEMID "\\\\(\S+)"', cell)
    if memid and p:
        shape[memid.group(1)] = p
# per memory Yosys logs its candidates after geometry, after pruning to the cheapest per resource, then its choice
for m in re.finditer(r"Memory SnnCore\.(\S+) mapping candidates \(after post-geometry prune\):\n(.*?)\n(using FF mapping|mapping memory \S+ via \S+)", log, re.S):
    memid, body, decision = m.group(1), m.group(2), m.group(3)
    cand = re.search(r"replicates \(for ports\): (\d+)\n  - replicates \(for data\): (\d+)\n.*?  - cost: ([\d.]+)", body, re.S)
    if not cand:
        continue
    logic = re.search(r"- logic fallback\n  - cost: ([\d.]+)", body)
    s = shape[memid]
    ports = "state" if "ffMem" not in memid else ("rom" if s["WR_PORTS"] == "0" else "loaded")
    ebr = int(cand.group(1)) * int(cand.group(2)) if decision.startswith("mapping") else 0
    print(cfg, memid.replace("_ext.Memory", ""), ports, s["SIZE"], s["WIDTH"], f"ebr={ebr if ebr else 'ff'}",
          f"cost={float(cand.group(3)):g}", f"logic={float(logic.group(1)):g}")
PY
done
