#!/usr/bin/env bash
# The fuzz tests at benchmark size (docs/benchmarks.md, "Fuzzing"): N damaged documents per fuzz test
# (model files of both formats, build configs, checkpoints); 0 crashes expected, every refusal naming
# its field or file. CI runs the same tests at 1,200 / 1,000 / 400 cases.
# Usage: bench/run-fuzz.sh [cases=10000] [seed=0]
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-10000}"
seed="${2:-0}"
mvn -B -ntp -o -q verify -pl golden-model,training,flow -am \
  -Dtest='ModelFileFuzzTest,CheckpointFuzzTest,BuildConfigFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspikeforge.fuzzCases="$cases" -Dspikeforge.fuzzSeed="$seed"
for r in golden-model/target/surefire-reports/TEST-*ModelFileFuzzTest.xml \
         training/target/surefire-reports/TEST-*CheckpointFuzzTest.xml \
         flow/target/surefire-reports/TEST-*BuildConfigFuzzTest.xml; do
  grep -o '<testsuite [^>]*' "$r" | sed -E 's/.*name="([^"]*)".*time="([^"]*)".*tests="([^"]*)".*errors="([^"]*)".*failures="([^"]*)".*/\1: \3 tests x '"$cases"' cases, \2 s, errors \4, failures \5/'
done
