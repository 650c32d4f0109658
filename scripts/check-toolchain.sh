#!/usr/bin/env bash
# Compares the external tools on PATH with the versions pinned in toolchain.versions.
# Prints one line per tool; exits 1 naming every tool that is missing or differs.
# SPIKEFORGE_ALLOW_TOOL_DRIFT=1 turns a version difference into a warning (a missing tool stays an error).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[spikeforge toolchain] %s\n' "$*" >&2; }

# The version a tool reports, reduced to the form used in toolchain.versions.
version_of() {
  case "$1" in
    verilator)     verilator --version 2>&1 | sed -n 's/^Verilator \([0-9.]*\).*/\1/p' | head -1 ;;
    iverilog)      iverilog -V 2>&1 | sed -n 's/^Icarus Verilog version \([0-9.]*\).*/\1/p' | head -1 ;;
    yosys)         yosys -V 2>&1 | sed -n 's/^Yosys \([0-9.]*\).*/\1/p' | head -1 ;;
    nextpnr-ice40) nextpnr-ice40 --version 2>&1 | sed -n 's/.*(Version \([0-9.]*\).*/\1/p' | head -1 ;;
    # icepack has no --version; the Debian package version names the icestorm snapshot
    icepack)       dpkg-query -W -f='${Version}' fpga-icestorm 2>/dev/null | sed -n 's/^\(0~[0-9]*\).*/\1/p' ;;
    *)             return 1 ;;
  esac
}

bad=0
while read -r tool pinned; do
  case "$tool" in ''|'#'*) continue ;; esac
  if ! command -v "$tool" >/dev/null 2>&1; then
    say "$tool: not found on PATH (pinned $pinned in toolchain.versions); install it: scripts/ensure-deps.sh"
    bad=1
    continue
  fi
  found=$(version_of "$tool" || true)
  if [ "$found" = "$pinned" ]; then
    say "$tool $found (pinned)"
  elif [ "${SPIKEFORGE_ALLOW_TOOL_DRIFT:-0}" = 1 ]; then
    say "warning: $tool is ${found:-of unknown version}, toolchain.versions pins $pinned (SPIKEFORGE_ALLOW_TOOL_DRIFT=1)"
  else
    say "$tool is ${found:-of unknown version} but toolchain.versions pins $pinned: install $tool $pinned," \
        "or update toolchain.versions and re-measure docs/benchmarks.md (SPIKEFORGE_ALLOW_TOOL_DRIFT=1 runs anyway)"
    bad=1
  fi
done < toolchain.versions
exit $bad
