#!/usr/bin/env bash
# Desire-backpropagation accuracy runs of docs/benchmarks.md ("Desire backpropagation").
# Usage: bench/run-desire-training.sh OUT_DIR [spikeforge train options...]
# Builds the CLI with the Maven reactor (package, no install), then runs `spikeforge train` with
# the given options into OUT_DIR, recording wall-clock and CPU time with /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$1"; shift
mvn -q -B -o -pl cli -am package -DskipTests >/dev/null
mkdir -p "$out/jars"
# private copy of the jars, so that a rebuild during the run cannot change the classes under it
cp cli/target/cli-0.1.0-SNAPSHOT.jar cli/target/lib/*.jar "$out/jars/"
uptime > "$out/load-before.txt"
/usr/bin/time -v -o "$out/time.txt" java -Xmx8g -cp "$out/jars/*" \
  dev.spikeforge.cli.Main train "$@" -o "$out" 2> "$out/progress.log" | tee "$out/stdout.log"
uptime > "$out/load-after.txt"
