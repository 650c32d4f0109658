#!/usr/bin/env bash
# Byte-identity check for refactors: builds two revisions of spikeforge, runs the same set of commands
# with each (random model -> compile, recurrent model -> compile, desire float/int and e-prop training,
# a short demo with verify and bitstream) and compares the output trees with diff -r.
#
#   bench/run-byte-identity.sh BEFORE_REV [AFTER_REV] [WORK_DIR]
#
# AFTER_REV defaults to the working tree (uncommitted changes included). Files that hold wall-clock
# times by design are left out of the comparison: timing.json (training), the flow's
# reports/time_per_step.json, Verilator's object files (sim/*/obj, sim/verilator-runtime: they
# record absolute paths and inodes) and every *.log (yosys, nextpnr, icepack and compiler logs print
# run times); their products (netlist, placement, .bin, simulator outputs, VCDs) are compared. Files that
# exist on one side only are listed, so a new artefact shows up as "Only in AFTER".
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BEFORE=${1:?usage: run-byte-identity.sh BEFORE_REV [AFTER_REV] [WORK_DIR]}
AFTER=${2:-WORKTREE}
WORK=${3:-$(mktemp -d /tmp/spikeforge-identity.XXXXXX)}
mkdir -p "$WORK"

build() {  # build REV DIR -> prints the launcher path
  local rev=$1 dir=$2
  mkdir -p "$dir"
  if [ "$rev" = WORKTREE ]; then
    (cd "$ROOT" && mvn -q -B -ntp -o package -DskipTests) >&2
    src=$ROOT
  else
    rm -rf "$dir/src"; git -C "$ROOT" worktree prune; git -C "$ROOT" worktree add --detach "$dir/src" "$rev" >&2
    (cd "$dir/src" && mvn -q -B -ntp -o package -DskipTests) >&2
    src=$dir/src
  fi
  cat > "$dir/sf" <<LAUNCH
#!/usr/bin/env bash
export SPIKEFORGE_HOME=$src
exec java -Xmx8g -cp "$src/cli/target/cli-0.1.0-SNAPSHOT.jar:$src/cli/target/lib/*" dev.spikeforge.cli.Main "\$@"
LAUNCH
  chmod +x "$dir/sf"
  echo "$dir/sf"
}

run_set() {  # run_set LAUNCHER OUT
  local sf=$1 o=$2
  rm -rf "$o"; mkdir -p "$o"
  if ! (
    set -ex
    "$sf" model random --sizes 784,128,10 --weight-width 4 --seed 7 -o "$o/random.json"
    "$sf" compile "$o/random.json" -o "$o/compiled" --lanes 16
    "$sf" model random --sizes 16,24,4 --max-delay 4 --recurrent --seed 3 -o "$o/random-rec.json"
    "$sf" compile "$o/random-rec.json" -o "$o/compiled-rec" --lanes 4
    "$sf" train --rule desire --dataset mnist-subset --arch 784-64-10 --epochs 2 --threads 2 -o "$o/train-desire"
    "$sf" train --rule desire --precision int --weight-bits 8 --dataset mnist-subset --arch 784-64-10 --epochs 1 \
        -o "$o/train-desire-int"
    "$sf" train --rule eprop --dataset delay-pattern --arch 16-32-4 --delays synaptic --epochs 3 -o "$o/train-eprop"
    "$sf" demo --epochs 1 --train-samples 6000 --limit 1000 --verify-images 4 --out "$o/demo"
  ) > "$o.log" 2>&1; then
    echo "[identity] a command failed with $sf; its log: $o.log (kept as $WORK/failed.log)" >&2
    cp "$o.log" "$WORK/failed.log"
    return 1
  fi
}

echo "[identity] building $BEFORE and $AFTER in $WORK" >&2
SF_BEFORE=$(build "$BEFORE" "$WORK/before")
SF_AFTER=$(build "$AFTER" "$WORK/after")
echo "[identity] running the command set twice" >&2
# Both sets run at the same path (tool scripts and netlists record absolute paths), then move aside.
run_set "$SF_BEFORE" "$WORK/out"
rm -rf "$WORK/before/out"; mv "$WORK/out" "$WORK/before/out"; mv "$WORK/out.log" "$WORK/before/out.log"
run_set "$SF_AFTER" "$WORK/out"
rm -rf "$WORK/after/out"; mv "$WORK/out" "$WORK/after/out"; mv "$WORK/out.log" "$WORK/after/out.log"
echo "[identity] diff -r (timing files, logs and Verilator object files excluded)" >&2
report=$(diff -rq -x timing.json -x time_per_step.json -x obj -x verilator-runtime -x '*.log' \
    "$WORK/before/out" "$WORK/after/out" || true)
added=$(grep "^Only in $WORK/after/" <<<"$report" || true)
changed=$(grep -v "^Only in $WORK/after/" <<<"$report" | grep . || true)
[ -z "$added" ] || { echo "[identity] new artefacts (expected only where a change adds one):"; echo "$added"; }
if [ -n "$changed" ]; then
  echo "[identity] DIFFERENCES:" >&2; echo "$changed" >&2
  exit 1
fi
echo "[identity] every file of $BEFORE is byte-identical in $AFTER ($WORK/before/out vs $WORK/after/out)"
