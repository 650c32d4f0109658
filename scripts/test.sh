#!/usr/bin/env bash
# Runs every test tier of spikeforge (unit, sim = Verilator + Icarus, fpga = yosys/nextpnr/icepack),
# after installing whatever is missing. Extra arguments go to Maven (e.g. -Dtest.groups=unit).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh --tests   # --tests: also chromium, for the HTML report's rendering test
scripts/check-toolchain.sh   # the tool versions pinned in toolchain.versions
echo "[spikeforge test] building and running all test tiers with Maven (first run downloads dependencies)" >&2
exec mvn -B -ntp -T 1C verify "$@"
