#!/usr/bin/env bash
# Homogeneous vs heterogeneous STDP vs desire backpropagation on the same network size, and the RTD
# matrix of their hidden representations (docs/benchmarks.md, "STDP in a recurrent layer and RTD").
# Usage: bench/run-stdp-rtd.sh OUT_DIR [TASKS="delay fashion"]
# Builds bench with the Maven reactor (package, no install), copies the jars, then runs
# StdpComparison once per task as its own single-threaded JVM under `nice -n 10`, one after the
# other, each writing OUT_DIR/<task>/{results.json,rtd.svg,rtd.png} and OUT_DIR/<task>.log (the
# accuracy table and the RTD matrices). Fashion-MNIST: the first 10,000 training and 2,000 test
# images (-DtrainLimit, -DtestLimit in JAVA_OPTS to change).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$1"; tasks="${2:-delay fashion}"
mvn -q -B -o -pl bench -am package -DskipTests >/dev/null
mkdir -p "$out/jars"
cp bench/target/bench-0.1.0-SNAPSHOT.jar bench/target/lib/*.jar "$out/jars/"
git rev-parse HEAD > "$out/commit.txt"
for task in $tasks; do
  uptime > "$out/$task-load-before.txt"
  /usr/bin/time -v -o "$out/$task.time" nice -n 10 java -Xmx3g ${JAVA_OPTS:-} -cp "$out/jars/*" \
    dev.spikeforge.bench.StdpComparison "$task" "$out/$task" > "$out/$task.log" 2>&1
  uptime > "$out/$task-load-after.txt"
  cat "$out/$task.log"
done
