#!/usr/bin/env bash
# Consecutive training samples of the delay task on the three-factor learning core (16-H-4, T = 64, the preset's
# hardware form, one lane per layer) in RTL simulation, every shadow weight and delay bit-exact with the trainer
# after every sample (testbenches ThreeFactorLearningCoreTest with benchmark properties); prints samples, clocks
# per sample and the simulation's wall time per mode (docs/benchmarks.md, "Three-factor learning core in RTL", and
# with a recurrent hidden layer "Recurrent three-factor learning core in RTL").
# Usage: bench/run-threefactor-core-rtl.sh [samples=1000] [sim=verilator|icarus|both] [hidden=16] [modes=SYNAPTIC,AXONAL]
#            [layer=feedforward|recurrent]
# recurrent: the preset with a recurrent hidden layer (train --recurrent): the recurrent shadow weights (and with
# SYNAPTIC delays the recurrent shadow delays) are read back and compared after every sample too.
# Builds and runs with the Maven reactor (no install).
set -euo pipefail
cd "$(dirname "$0")/.."
samples="${1:-1000}"; sim="${2:-verilator}"; hidden="${3:-16}"; modes="${4:-SYNAPTIC,AXONAL}"; layer="${5:-feedforward}"
case "$layer" in
  feedforward) tests='ThreeFactorLearningCoreTest#everyShadow*' ;;
  recurrent) tests='ThreeFactorLearningCoreTest#everyRecurrentShadow*' ;;
  *) echo "run-threefactor-core-rtl.sh: the fifth argument (layer) is feedforward or recurrent, not '$layer'" >&2; exit 2 ;;
esac
start=$(date +%s)
mvn -o -B -pl testbenches -am test -Dtest="$tests" \
  -Dsurefire.failIfNoSpecifiedTests=false -Dtest.groups=sim \
  -Dspikeforge.threeFactorCoreSamples="$samples" -Dspikeforge.threeFactorCoreSims="$sim" \
  -Dspikeforge.threeFactorCoreHidden="$hidden" -Dspikeforge.threeFactorCoreModes="$modes" \
  -Dspikeforge.threeFactorCoreRecurrentModes="$modes" \
  | grep -E "ThreeFactorLearningCoreTest 16-|Tests run:|FAIL|ERROR\]  "
echo "wall time (build + runs): $(( $(date +%s) - start )) s"
