#!/usr/bin/env bash
# Neighbourhood aggregation (--rule na) on Fashion-MNIST, T = 20, rate coding, all 60,000 training and
# 10,000 test images (docs/benchmarks.md, "Neighbourhood aggregation on Fashion-MNIST").
# Usage: bench/run-na-fashion.sh OUT_DIR [ARCH=784-128-10] [EPOCHS=15] [TIME_LIMIT_MIN=80] [THREADS=2] [extra train options...]
# Builds the CLI with the Maven reactor (package, no install), copies its jars (a rebuild during the run
# cannot touch them), then trains under `nice -n 10` with /usr/bin/time -v, recording the load average
# before and after. The train log (OUT_DIR/train.log) has one line per epoch; the run's directory
# (OUT_DIR/run) holds metrics.csv, float-model.json and model.json (8-bit, calibrated scale).
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
uptime > "$out/load-after.txt"
grep -E '^(epoch|quantized|done)' "$out/train.log"
grep -E 'User time|System time|Elapsed' "$out/time.txt"
