#!/usr/bin/env bash
# Side by side, in one run: the authors' own evaluation of their published Fashion-MNIST network
# (desire_pytorch.py --eval with models/fashion_mnist.pt, with map_location="cpu" added to its torch.load,
# on Debian's python3-torch and
# python3-torchvision) and `spikeforge evaluate` of the same network exported to fc1..3.npy
# (docs/learning.md section 8), both over the 10,000 Fashion-MNIST test images. Prints the wall-clock
# and CPU seconds of each whole process (start-up and loading included), the accuracies, and the
# ratios. See docs/benchmarks.md, "Float evaluation".
# Usage: bench/run-float-eval-vs-authors.sh AUTHORS_CHECKOUT WORK [threads=2] [rounds=1]
#   AUTHORS_CHECKOUT: a checkout of github.com/DanielGerlinghoff/desire-backpropagation (b93267d)
#   WORK: a scratch directory; threads: spikeforge's --threads (PyTorch keeps its default, all cores)
# Needs: apt-get install -y python3-torch python3-torchvision; the Fashion-MNIST files in
# /usr/share/datasets/fashion-mnist (scripts/ensure-deps.sh). Nothing is downloaded.
# OPENBLAS_DIR=DIR also runs the authors' evaluation with OpenBLAS (DIR holds libblas.so.3: apt-get download
# libopenblas0-pthread; dpkg -x it), not only with the BLAS Debian's python3-torch gets by default.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(cd "$1" && pwd)
work=$2
threads=${3:-2}
rounds=${4:-1}
mkdir -p "$work/authors/models" "$work/authors/data/FashionMNIST/raw" "$work/export"
work=$(cd "$work" && pwd)
# their code unchanged but for one thing: the published model holds CUDA tensors, which torch.load
# refuses on a machine without CUDA unless told to map them to the CPU
sed 's/torch\.load(hyper_pars\.model_path)/torch.load(hyper_pars.model_path, map_location="cpu")/' \
  "$repo/desire_pytorch.py" > "$work/authors/desire_pytorch.py"
diff "$repo/desire_pytorch.py" "$work/authors/desire_pytorch.py" || true
cp "$repo/models/fashion_mnist.pt" "$work/authors/models/"
for f in /usr/share/datasets/fashion-mnist/*-ubyte.gz; do   # torchvision finds them extracted: no download
  raw="$work/authors/data/FashionMNIST/raw/$(basename "$f" .gz)"
  [ -e "$raw" ] || gunzip -c "$f" > "$raw"
done
(cd "$work/authors" && /usr/bin/python3 - <<'PY'
import re, numpy as np, torch
sd = torch.load("models/fashion_mnist.pt", map_location="cpu")
sd = sd.get("state", sd)
keys = sorted((k for k in sd if k.endswith(".weights") and sd[k].dim() == 2),
              key=lambda k: int(re.search(r"layers\.(\d+)\.", k).group(1)))
for n, k in enumerate(keys, 1):
    np.save(f"../export/fc{n}.npy", sd[k].numpy().astype(np.float32))
PY
)
sha256sum "$work/authors/models/fashion_mnist.pt"
mvn -q -B -ntp -o -pl cli -am package -DskipTests >/dev/null
ROOT=$(pwd)
timed() {  # label, command...: appends "label wall user sys" to times.txt, output to label.out
  local label=$1; shift
  /usr/bin/time -f "$label %e %U %S" -o "$work/time.txt" "$@" > "$work/$label.out" 2>&1
  cat "$work/time.txt" | tee -a "$work/times.txt"
}
echo "load before: $(uptime)"
for r in $(seq 1 "$rounds"); do
  rm -f "$work/authors/desire_pytorch.log"
  (cd "$work/authors" && timed authors /usr/bin/python3 desire_pytorch.py --dataset fashion-mnist \
    --model-path models/fashion_mnist.pt --eval)
  echo "authors' log: $(cat "$work/authors/desire_pytorch.log")"
  if [ -n "${OPENBLAS_DIR:-}" ]; then
    (cd "$work/authors" && LD_LIBRARY_PATH="$OPENBLAS_DIR" timed authors-openblas /usr/bin/python3 desire_pytorch.py \
      --dataset fashion-mnist --model-path models/fashion_mnist.pt --eval)
    echo "authors' log (OpenBLAS): $(cat "$work/authors/desire_pytorch.log")"
  fi
  timed spikeforge java -Xmx4g -cp "$ROOT/cli/target/cli-0.1.0-SNAPSHOT.jar:$ROOT/cli/target/lib/*" \
    dev.spikeforge.cli.Main evaluate "$work/export" --dataset fashion-mnist --threads "$threads"
  echo "spikeforge: $(grep -i accuracy "$work/spikeforge.out" | head -3)"
  echo "load after round $r: $(uptime)"
done
awk '{w[$1]+=$2; c[$1]+=$3+$4}
  END {for (k in w) if (k != "spikeforge")
         printf "%s: %.1f s wall, %.1f CPU-s; spikeforge: %.1f s wall, %.1f CPU-s; %s / spikeforge: %.1fx wall, %.1fx CPU\n",
           k, w[k], c[k], w["spikeforge"], c["spikeforge"], k, w[k]/w["spikeforge"], c[k]/c["spikeforge"]}' "$work/times.txt"
