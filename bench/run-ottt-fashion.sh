#!/usr/bin/env bash
# OTTT against desire backpropagation and e-prop on Fashion-MNIST, 784-128-10, T = 20, rate coding
# (docs/benchmarks.md, "Online training through time on Fashion-MNIST").
# Usage: bench/run-ottt-fashion.sh OUT_DIR [EPOCHS=3] [EPROP_EPOCHS=1] [TRAIN_IMAGES=60000] [RULES="ottt desire eprop"]
# Builds bench with the Maven reactor (package, no install), copies the jars, then runs every
# (rule, precision) as its own single-threaded JVM under `nice -n 10`, all at once, on the first
# TRAIN_IMAGES training images (all 10,000 test images), each writing
# OUT_DIR/<rule>-<precision>.log (one line per epoch: test accuracy on all 10,000 images, training
# seconds), and prints the table.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$1"; epochs="${2:-3}"; eprop_epochs="${3:-1}"; images="${4:-60000}"; rules="${5:-ottt desire eprop}"
mvn -q -B -o -pl bench -am package -DskipTests >/dev/null
mkdir -p "$out/jars"
cp bench/target/bench-0.1.0-SNAPSHOT.jar bench/target/lib/*.jar "$out/jars/"
uptime > "$out/load-before.txt"
git rev-parse HEAD > "$out/commit.txt"
run() { # name rule precision epochs [rule options...]
  local name="$1"; shift
  /usr/bin/time -v -o "$out/$name.time" nice -n 10 java -Xmx3g -DtrainLimit="$images" -cp "$out/jars/*" \
    dev.spikeforge.bench.OtttFashionComparison "$1" "$2" 784-128-10 "$3" "$out/$name" "${@:4}" > "$out/$name.log" 2>&1
}
for rule in $rules; do
  e="$epochs"; [ "$rule" = eprop ] && e="$eprop_epochs"
  run "$rule-float" "$rule" float "$e" &
  run "$rule-int" "$rule" int "$e" &
done
wait
uptime > "$out/load-after.txt"
echo "| run | test accuracy per epoch (10,000 images) | training time |"
echo "|---|---|---|"
for f in "$out"/*.log; do
  name=$(basename "$f" .log)
  accs=$(grep '^epoch' "$f" | sed 's/.*test \([0-9.]*\) %.*/\1/' | paste -sd, | sed 's/,/, /g')
  train=$(grep '^epoch' "$f" | tail -1 | sed 's/.*total train \([0-9.]*\) s.*/\1 s/')
  echo "| $name | $accs | $train |"
done
