#!/usr/bin/env bash
# Float evaluation throughput, old vs new FloatSimulator, 1 and 2 threads, then PyTorch on the same
# network and images (see docs/benchmarks.md, "Float evaluation").
# Usage: bench/run-float-eval-throughput.sh [images=10000] [oldImages=500] [threads=1,2] [torchImages=1000]
# Builds with the Maven reactor (package, no install). PyTorch: Debian's python3-torch
# (apt-get install -y python3-torch); skipped with a note when it is not installed.
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
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  /usr/bin/python3 bench/desire_torch_eval.py --npy "$out/npy" --images "$torch_images" --threads "$threads" \
    --predictions "$out/predictions.txt"
else
  echo "PyTorch comparison skipped: /usr/bin/python3 cannot import torch (apt-get install -y python3-torch)"
fi
uptime
