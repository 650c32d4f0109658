#!/usr/bin/env bash
# Rewrites boards/cost-baselines.json from fresh yosys/nextpnr-ice40 runs of every cost preset
# (boards CostPreset.all(); docs/hardware.md, "Hardware-cost baselines"). Run it after a change that
# moves the hardware cost on purpose, check the diff, and commit the file with the change.
# Tolerances in the file are kept. Takes a few minutes (place and route of each preset).
# Usage: scripts/update-cost-baselines.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -o verify -pl boards -am -Dtest.groups=fpga -Dtest='CostBaselinesFpgaTest' \
  -Dsurefire.failIfNoSpecifiedTests=false -Dspikeforge.updateCostBaselines=true
git --no-pager diff --stat -- boards/cost-baselines.json || true
