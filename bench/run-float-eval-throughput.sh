#!/usr/bin/env bash
# Float evaluation throughput, old vs new FloatSimulator, 1 and 2 threads, then PyTorch on the same
# network and images (see docs/benchmarks.md, "Float evaluation").
# Usage: bench/run-float-eval-throughput.sh [images=10000] [oldImages=500] [threads=1,2] [torchImages=1000]
# Builds with the Maven reactor (package, no install). PyTorch: Debian's python3-torch
# (apt-get install -y python3-torch); skipped with a note when it is not installed.
# OPENBLAS_DIR=DIR also times PyTorch on the OpenBLAS in DIR (see below).
set -euo pipefail
cd "$(dirname "$0")/.."
images=${1:-10000}
old=${2:-500}
threads=${3:-1,2}
torch_images=${4:-1000}
out=bench/target/float-eval
uptime
mvn -q -B -ntp -o -pl bench -am package -DskipTests >/dev/null
java -Xmx4g -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" \
  dev.spikeforge.bench.FloatEvalThroughput "$images" "$old" "$threads" "$out"
# PyTorch, once per thread count (a fresh process, so that OpenBLAS's own thread count follows):
# with the BLAS Debian's python3-torch gets by default (libblas.so.3, the reference BLAS unless an
# optimized one is installed), then with OpenBLAS if a directory holding its libblas.so.3 is given
# in OPENBLAS_DIR or installed (libopenblas0-pthread).
torch_run() {
  for t in ${threads//,/ }; do
    OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t /usr/bin/python3 bench/desire_torch_eval.py --npy "$out/npy" \
      --images "$torch_images" --threads "$t" --predictions "$out/predictions.txt"
  done
}
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "== PyTorch with the system BLAS: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)"
  torch_run
  for d in "${OPENBLAS_DIR:-}" /usr/lib/x86_64-linux-gnu/openblas-pthread; do
    if [ -n "$d" ] && [ -e "$d/libblas.so.3" ]; then
      echo "== PyTorch with OpenBLAS: $d/libblas.so.3"
      LD_LIBRARY_PATH="$d" torch_run
      break
    fi
  done
else
  echo "PyTorch comparison skipped: /usr/bin/python3 cannot import torch (apt-get install -y python3-torch)"
fi
uptime
