#!/usr/bin/env bash
# Shadow-width sweep of the integer desire rule for on-chip learning (docs/benchmarks.md,
# "On-chip desire learning: shadow width and stochastic rounding"; docs/learning.md §3.6).
# Usage: bench/run-desire-shadow-sweep.sh OUT_DIR CONFIGS [spikeforge train options...]
#   CONFIGS  comma-separated B:E[:K]: forward weight bits B, shadow bits E, stochastic-rounding bits K
#            (0 or absent: floored updates), e.g. 4:12,4:4,4:4:16,4:0:16; E per layer with '/', e.g.
#            8:0/8:16 (fc1 E = 0, fc2 E = 8; run directory b8-e0,8-sr16)
#   options  passed to every `spikeforge train --rule desire --precision int` run, e.g.
#            --dataset fashion-mnist --arch 784-128-10 --epochs 8 --seed 1 --threads 1
# Builds the CLI once with the Maven reactor (package, no install), copies its jars into OUT_DIR/jars
# (a rebuild during the sweep cannot change them), runs the configurations one after another with
# nice -n 10 (JOBS=2 runs two at a time), each into OUT_DIR/bB-eE[-srK] with its own progress.log
# and /usr/bin/time record, then prints one table row per run from its metrics.csv
# (TABLE_ONLY=1: only the table, from runs already in OUT_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$1"; configs="$2"; shift 2
jobs="${JOBS:-1}"
mkdir -p "$out/jars"
if [ -z "${SKIP_BUILD:-}" ] && [ -z "${TABLE_ONLY:-}" ]; then
  mvn -q -B -o -pl cli -am package -DskipTests >/dev/null
  cp "$(ls cli/target/cli-*.jar | grep -v -e '-sources' -e '-tests' | head -1)" cli/target/lib/*.jar "$out/jars/"
fi
[ -z "${TABLE_ONLY:-}" ] && uptime > "$out/load-before.txt"
run_one() {
  local spec="$1"; shift
  IFS=: read -r b e k <<< "$spec"
  k="${k:-0}"
  local shadow="${e//\//,}"
  local name="b$b-e$shadow"; [ "$k" != 0 ] && name="$name-sr$k"
  local dir="$out/$name"
  mkdir -p "$dir"
  uptime > "$dir/load-before.txt"
  nice -n 10 /usr/bin/time -v -o "$dir/time.txt" java -Xmx2g -cp "$out/jars/*" dev.spikeforge.cli.Main train \
    --rule desire --precision int --weight-bits "$b" --shadow-bits "$shadow" --stochastic-rounding "$k" "$@" -o "$dir" \
    > "$dir/stdout.log" 2> "$dir/progress.log"
  uptime > "$dir/load-after.txt"
}
pids=()
[ -n "${TABLE_ONLY:-}" ] && configs_to_run="" || configs_to_run="${configs//,/ }"
for spec in $configs_to_run; do
  run_one "$spec" "$@" &
  pids+=($!)
  if [ "${#pids[@]}" -ge "$jobs" ]; then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
done
for p in "${pids[@]}"; do wait "$p"; done
[ -z "${TABLE_ONLY:-}" ] && uptime > "$out/load-after.txt"
python3 - "$out" "$configs" <<'PY'
import csv, re, sys, os
out, configs = sys.argv[1], sys.argv[2]
print("| B | E | stochastic rounding K | bits/synapse B+E | test accuracy per epoch | final | mean of the last two | best (epoch) | wall time |")
print("|---|---|---|---|---|---|---|---|---|")
for spec in configs.split(","):
    p = spec.split(":"); b, es = int(p[0]), [int(x) for x in p[1].split("/")]; k = int(p[2]) if len(p) > 2 else 0
    e = "/".join(map(str, es))
    name = f"b{b}-e{','.join(map(str, es))}" + (f"-sr{k}" if k else "")
    rows = list(csv.DictReader(open(os.path.join(out, name, "metrics.csv"))))
    acc = [100 * float(r["test_accuracy"]) for r in rows]
    best = max(range(len(acc)), key=lambda i: acc[i])
    wall = "?"
    for line in open(os.path.join(out, name, "time.txt")):
        if "Elapsed (wall clock)" in line:
            wall = line.split("): ")[1].strip()
    last2 = sum(acc[-2:]) / len(acc[-2:])
    print(f"| {b} | {e} | {k if k else 'off'} | {'/'.join(str(b + x) for x in es)} | {', '.join(f'{a:.2f}' for a in acc)} | {acc[-1]:.2f} % "
          f"| {last2:.2f} % | {acc[best]:.2f} % ({rows[best]['epoch']}) | {wall} |")
PY
