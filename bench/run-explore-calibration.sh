#!/usr/bin/env bash
# Real yosys/nextpnr-ice40 runs that calibrate the explore estimator (docs/explore.md, "The estimator").
# Usage: bench/run-explore-calibration.sh WORK_DIR CONFIG...
#   CONFIG = sizes:weightBits:membraneBits:lanes:board[:binarized][:ftfK]   e.g. 784,32,10:4:8:4:icebreaker
# For each config: a seeded random network (seed 1), compile --lanes P --board B, bitstream --allow-timing-fail
# (nextpnr seed 1, target = the board clock). Leaves WORK_DIR/<config>/build/{hw-spec, reports/*.json} and
# appends one line to WORK_DIR/runs.txt. Set SPIKEFORGE to the launcher (default ./spikeforge) and NICE to the
# bitstream step's niceness (default 10).
#        bench/run-explore-calibration.sh --collect WORK_DIR > flow/src/main/resources/dev/spikeforge/flow/explore/estimator-calibration.json
#   writes the estimator's calibration file from the finished runs (the manifest's hardware and memories sections,
#   the utilization and timing reports), sorted by config; a run nextpnr refused at packing (too many logic
#   cells) adds its packed logic-cell count and yosys' LUT4, flip-flops, block RAMs and SPRAMs, without Fmax; a run
#   refused before nextpnr (Yosys' LUT4 or block RAMs over the part) adds yosys' counts without logic cells or Fmax.
#        bench/run-explore-calibration.sh --merge FILE... > flow/src/main/resources/dev/spikeforge/flow/explore/estimator-calibration.json
#   writes one calibration file holding the runs of earlier collected files (e.g. the calibration runs and the
#   first held-out runs), sorted by config; a config in two files is an error.
set -euo pipefail
if [ "${1:-}" = "--merge" ]; then
  shift
  python3 - "$@" <<'PY'
import json, sys
runs, tools = {}, set()
for path in sys.argv[1:]:
    doc = json.load(open(path))
    tools.add(doc["tools"])
    for r in doc["runs"]:
        if r["name"] in runs:
            sys.exit(f"{path}: run {r['name']} is in an earlier file too; merge each run once")
        runs[r["name"]] = r
if len(tools) != 1:
    sys.exit(f"the files name different tools ({sorted(tools)}); merge runs of one toolchain")
doc = {"about": "Real yosys/nextpnr-ice40 runs the explore estimator is fitted to (docs/explore.md). Written by "
                "bench/run-explore-calibration.sh --collect and --merge; do not edit by hand.",
       "tools": tools.pop(), "runs": [runs[k] for k in sorted(runs)]}
print(json.dumps(doc, indent=1, sort_keys=False))
PY
  exit 0
fi
if [ "${1:-}" = "--collect" ]; then
  python3 - "$2" <<'PY'
import json, os, re, sys
work = sys.argv[1]
runs = []
for name in sorted(os.listdir(work)):
    b = os.path.join(work, name, "build")
    u = os.path.join(b, "reports", "utilization.json")
    parts = name.split("_")
    if not os.path.isdir(b) or len(parts) < 5:
        continue
    cfg = ":".join([parts[0].replace("-", ",")] + parts[1:])
    board = parts[4]
    if os.path.isfile(u):
        man = json.load(open(os.path.join(b, "manifest.json")))
        util = json.load(open(u))
        tim = json.load(open(os.path.join(b, "reports", "timing.json")))
        r = util["resources"]
        runs.append({"name": cfg, "part": util["part"],
                     "measured": {"logicCells": r["logicCells"]["used"], "lut4": r["lut4"]["used"],
                                  "flipFlops": r["flipFlops"]["used"], "blockRams": r["blockRams"]["used"],
                                  "sprams": r["sprams"]["used"], "fmaxMhz": min(c["fmaxMhz"] for c in tim["clocks"])},
                     "shape": {"hardware": man["hardware"], "memories": man["memories"]}})
        continue
    # a run nextpnr refused for too many logic cells: yosys' counts and nextpnr's packed logic cells, no Fmax
    stat = os.path.join(b, "bitstream", board, "stat.json")
    failed = os.path.join(work, name, "failed.txt")
    if not (os.path.isfile(stat) and os.path.isfile(failed)):
        continue
    text = open(failed).read()
    part = re.search(r"needs [0-9,]+, (iCE40[A-Z0-9]+)", text)
    if not part:
        continue
    cells = json.load(open(stat))["design"]["num_cells_by_type"]
    man = json.load(open(os.path.join(b, "manifest.json")))
    measured = {"lut4": cells.get("SB_LUT4", 0), "flipFlops": sum(v for k, v in cells.items() if k.startswith("SB_DFF")),
                "blockRams": cells.get("SB_RAM40_4K", 0), "sprams": cells.get("SB_SPRAM256KA", 0)}
    packed = re.search(r"logicCells: needs ([0-9,]+), .*\[nextpnr packing", text)
    if packed:
        measured = {"logicCells": int(packed.group(1).replace(",", "")), **measured}
        note = "did not fit: nextpnr stopped at packing, so no Fmax"
    else:  # refused before nextpnr (Yosys' LUT4 or block RAMs over the part): Yosys' counts, no logic cells or Fmax
        note = "did not fit: refused after Yosys (" + re.search(r"(\w+): needs", text).group(1) + " over the part), so no logic cells or Fmax"
    runs.append({"name": cfg, "part": part.group(1), "measured": measured, "note": note,
                 "shape": {"hardware": man["hardware"], "memories": man["memories"]}})
doc = {"about": "Real yosys/nextpnr-ice40 runs the explore estimator is fitted to (docs/explore.md). Written by "
                "bench/run-explore-calibration.sh --collect; do not edit by hand.",
       "tools": "yosys 0.23, nextpnr-ice40 0.4 (placement seed 1, target = board clock)",
       "runs": runs}
print(json.dumps(doc, indent=1, sort_keys=False))
PY
  exit 0
fi
. "$(dirname "${BASH_SOURCE[0]}")/explore-config.sh"
SF="${SPIKEFORGE:-./spikeforge}"
WORK="$1"; shift
mkdir -p "$WORK"
for cfg in "$@"; do
  dir="$WORK/$(explore_config_name "$cfg")"
  if [ -f "$dir/build/reports/utilization.json" ] || [ -f "$dir/failed.txt" ]; then continue; fi
  board="$(explore_config_board "$cfg")"
  t0=$(date +%s)
  if ! explore_compile "$SF" "$cfg" "$dir" \
     || ! nice -n "${NICE:-10}" $SF bitstream "$dir/build" --board "$board" --allow-timing-fail >>"$dir/log.txt" 2>&1; then
    tail -3 "$dir/log.txt" > "$dir/failed.txt"
    echo "$cfg FAILED $(( $(date +%s) - t0 )) s" >> "$WORK/runs.txt"
    continue
  fi
  echo "$cfg ok $(( $(date +%s) - t0 )) s" >> "$WORK/runs.txt"
done
