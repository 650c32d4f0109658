#!/usr/bin/env bash
# The accuracy table of the learning rules (docs/benchmarks.md, "STDP with homeostasis, and the accuracy
# table of the learning rules"): STDP with homeostasis against the untrained layer and the supervised
# rules, on the delay task and on Fashion-MNIST (784-128-10, T = 20, rate coding). The cells of OTTT, NA,
# e-prop and desire on Fashion-MNIST are cited from their own sections (bench/run-ottt-fashion.sh,
# bench/run-na-fashion.sh); this script runs the rest.
# Usage: bench/run-rule-table.sh OUT_DIR [PARTS="delay desire fashion10k fashion60k inhibited"]
#   delay       StdpComparison delay: readout-only, STDP hom/het/pair with homeostasis, e-prop, desire, OTTT, NA
#   desire      desire backpropagation's learning-rate search on the delay task (1e-4 .. 1e-1)
#   fashion10k  StdpComparison fashion, first 10,000 training / all 10,000 test images, with desire and RTD
#   fashion60k  all 60,000 training images: readout-only, STDP hom, STDP het, three JVMs at once (~25 min wall)
#   inhibited   the untrained layer with the STDP options (--inhibition 8, no STDP epoch) on the first 10,000
#               and all 60,000 training images, two JVMs at once (the baseline without the inhibition confound)
# Builds bench with the Maven reactor (package, no install), copies the jars, runs each part under
# `nice -n 5` with /usr/bin/time -v, one single-threaded JVM per run, logs in OUT_DIR/<part>*/.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: bench/run-rule-table.sh OUT_DIR [PARTS]}"; parts="${2:-delay desire fashion10k fashion60k inhibited}"
for part in $parts; do
  case "$part" in delay|desire|fashion10k|fashion60k|inhibited) ;;
    *) echo "unknown part '$part': give delay, desire, fashion10k, fashion60k or inhibited" >&2; exit 2 ;;
  esac
done
mvn -q -B -o -pl bench -am package -DskipTests >/dev/null
mkdir -p "$out/jars"
cp bench/target/bench-0.1.0-SNAPSHOT.jar bench/target/lib/*.jar "$out/jars/"
git rev-parse HEAD > "$out/commit.txt"
homeo="--inhibition=8,--target-rate=2,--homeostasis-log2=-8,--synaptic-scaling"
run() {  # run NAME JAVA_PROPERTIES...
  local name="$1"; shift
  mkdir -p "$out/$name"
  uptime > "$out/$name/load-before.txt"
  /usr/bin/time -v -o "$out/$name/time.txt" nice -n 5 java -Xmx2500m "$@" -cp "$out/jars/*" \
    dev.spikeforge.bench.StdpComparison "$task" "$out/$name/out" > "$out/$name/log.txt" 2>&1
  uptime > "$out/$name/load-after.txt"
  grep '^| ' "$out/$name/log.txt" | sort -u
}
for part in $parts; do
  case "$part" in
    delay) task=delay run delay -DlrLog2=-6 -DstdpOptions="$homeo" ;;
    desire) for lr in 1e-4 1e-3 1e-2 3e-2 1e-1; do
        task=delay run "desire-$lr" -Dvariants=desire -Drtd=10 -DdesireOptions=--lr=$lr; done ;;
    fashion10k) task=fashion run fashion10k -Dhidden=128 -DtrainLimit=10000 -DtestLimit=10000 -DsupEpochs=1 \
        -DlrLog2=-8 -Dvariants=readout-only,stdp-hom,stdp-het,desire -DstdpOptions="$homeo" ;;
    fashion60k) for v in readout-only stdp-hom stdp-het; do
        task=fashion run "fashion60k-$v" -Dhidden=128 -DtrainLimit=60000 -DtestLimit=10000 -Drtd=10 -DlrLog2=-8 \
          -Dvariants=$v -DstdpOptions="$homeo" & done; wait ;;
    inhibited) for n in 10000 60000; do
        task=fashion run "inhibited-$n" -Dhidden=128 -DtrainLimit=$n -DtestLimit=10000 -DsupEpochs=1 -Drtd=10 \
          -DlrLog2=-8 -Dvariants=readout-only-inhibited -DstdpOptions="$homeo" & done; wait ;;
    *) echo "unknown part '$part': give delay, desire, fashion10k, fashion60k or inhibited" >&2; exit 2 ;;
  esac
done
