#!/usr/bin/env bash
# Neighbourhood aggregation (--rule na) on Fashion-MNIST, T = 20, rate coding, all 60,000 training and
# 10,000 test images (docs/benchmarks.md, "Neighbourhood aggregation on Fashion-MNIST").
# Usage: bench/run-na-fashion.sh OUT_DIR [ARCH=784-128-10] [EPOCHS=15] [TIME_LIMIT_MIN=80] [THREADS=2] [extra train options...]
# Builds the CLI with the Maven reactor (package, no install), copies its jars (a rebuild during the run
# cannot touch them), then trains under `nice -n 10` with /usr/bin/time -v, recording the load average
# before and after. The train log (OUT_DIR/train.log) has one line per epoch; the run's directory
# (OUT_DIR/run) holds metrics.csv, float-model.json and model.json (8-bit, calibrated scale). Then the
# float model is compiled with 8- and 4-bit weights (16-bit membranes, --scale calibrate, 16 lanes), each
# with the integer golden model's accuracy on all 10,000 test images (OUT_DIR/compile-w8.log, -w4.log).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$1"; arch="${2:-784-128-10}"; epochs="${3:-15}"; limit="${4:-80}"; threads="${5:-2}"
shift $(( $# < 5 ? $# : 5 ))
mvn -q -B -o -pl cli -am package -DskipTests >/dev/null
mkdir -p "$out/jars"
cp cli/target/cli-0.1.0-SNAPSHOT.jar cli/target/lib/*.jar "$out/jars/"
git rev-parse HEAD > "$out/commit.txt"
uptime > "$out/load-before.txt"
/usr/bin/time -v -o "$out/time.txt" nice -n 10 java -Xmx3g -cp "$out/jars/*" dev.spikeforge.cli.Main train \
  --rule na --dataset fashion-mnist --arch "$arch" --epochs "$epochs" --seed 1 --threads "$threads" \
  --time-limit "$limit" -o "$out/run" "$@" > "$out/train.log" 2>&1
for w in 8 4; do
  nice -n 10 java -Xmx3g -cp "$out/jars/*" dev.spikeforge.cli.Main compile "$out/run/float-model.json" \
    --weight-width "$w" --membrane-width 16 --scale calibrate --accuracy-images 10000 --lanes 16 \
    --threads "$threads" -o "$out/q$w" > "$out/compile-w$w.log" 2>&1
done
uptime > "$out/load-after.txt"
grep -E '^(epoch|quantized|done)' "$out/train.log"
grep -E 'User time|System time|Elapsed' "$out/time.txt"
grep -iE 'accuracy' "$out/compile-w8.log" "$out/compile-w4.log"
