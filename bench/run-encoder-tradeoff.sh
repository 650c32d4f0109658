#!/usr/bin/env bash
# Accuracy against input events per image and latency for the spike encoders (docs/benchmarks.md,
# "Fewer input events per image"). Trains one 784-128-10 float network per (encoder, T) with
# desire backpropagation on Fashion-MNIST, quantized to WEIGHT_BITS-bit weights by the trainer
# (calibrated, as compile does); each model records its encoder, so the table below reads it back.
# Usage: bench/run-encoder-tradeoff.sh OUT_DIR [EPOCHS=3] [WEIGHT_BITS=4] [CONFIGS="name/encoder/T/lr[/margin] ..."]
# (margin: desire's --error-margin, the output target T - margin; default 4, too much for T = 5).
# The learning rate is per configuration: one spike per input (latency) drives the hidden layer about
# ten times less than rate coding at T = 20, and needs a larger rate to learn in a few epochs.
# Then: EncoderTradeoff over the runs (10,000 test images; clocks per image from the cycle model on
# the first 1,000, P = 4 and 16 on the iCEBreaker, µs at 24 MHz).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$1"
epochs="${2:-3}"
bits="${3:-4}"
configs="${4:-rate-t20/rate/20/1e-4 rate-t10/rate/10/1e-4 rate-t5/rate/5/1e-4 rate-min64-t10/rate:min=64/10/1e-4 \
latency-t20/latency/20/1e-3 latency-t10/latency/10/1e-3 latency-min64-t10/latency:min=64/10/1e-3 \
latency-t5/latency/5/1e-3 rate-t20-lr1e-5/rate/20/1e-5 rate-t5-m1/rate/5/1e-4/1 latency-t5-m1/latency/5/1e-3/1}"
threads="${THREADS:-2}"
mvn -q -B -ntp -o -pl cli,bench -am package -DskipTests >/dev/null
mkdir -p "$out/jars"
# private copy of the jars, so that a rebuild during the runs cannot change the classes under them
cp cli/target/cli-0.1.0-SNAPSHOT.jar cli/target/lib/*.jar bench/target/bench-0.1.0-SNAPSHOT.jar "$out/jars/"
runs=()
for c in $configs; do
  IFS=/ read -r name enc steps lr margin <<< "$c"
  runs+=("$out/$name")
  if [ -f "$out/$name/model.json" ]; then
    echo "== $name: $out/$name/model.json exists, kept" >&2
    continue
  fi
  echo "== $name: encoder $enc, T = $steps, lr $lr ($(uptime | sed 's/.*load/load/'))" >&2
  start=$(date +%s)
  nice -n 10 java -Xmx4g -cp "$out/jars/*" dev.spikeforge.cli.Main train --rule desire --dataset fashion-mnist \
    --arch 784-128-10 --epochs "$epochs" --seed 1 --precision float --weight-bits "$bits" --threads "$threads" \
    --encoder "$enc" --timesteps "$steps" --lr "$lr" ${margin:+--error-margin "$margin"} -o "$out/$name" > "$out/$name.log" 2>&1
  echo "   $(( $(date +%s) - start )) s wall; $(uptime | sed 's/.*load/load/')" | tee -a "$out/$name.log" >&2
done
uptime > "$out/load-table.txt"
nice -n 10 java -Xmx4g -cp "$out/jars/*" dev.spikeforge.bench.EncoderTradeoff 10000 1000 4,16 icebreaker 24 "$threads" \
  "${runs[@]}" | tee "$out/table.md"
uptime >> "$out/load-table.txt"
