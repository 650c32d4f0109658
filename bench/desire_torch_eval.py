#!/usr/bin/python3
"""PyTorch evaluation of a desire-backpropagation network, timed the way the authors evaluate.

The loop has the structure of the authors' evaluation in desire_pytorch.py (github.com/
DanielGerlinghoff/desire-backpropagation), written anew here: one image at a time, float32, per
time step an integrate-and-fire input coding of the pixels, then per layer one matrix-vector
product of the layer's weights with the previous layer's spike vector, threshold, reset by
subtraction. The neuron update is spikeforge's float model (docs/numerics.md section 6, the
FloatNetwork of io.DesireNpyImport): v = leak * v + W s, spike when v >= 1, v -= 1 on a spike,
leak 3/4, and a one-step delay between layers (layer l > 0 sees layer l-1's spikes of the previous
step), so the predictions can be compared with FloatEvalThroughput's (float32 here, double there:
a few images near a tie may differ).

A second, batched variant (many images per matrix product) shows what PyTorch reaches when the
loop is not the authors'; it is reported separately.

Usage: desire_torch_eval.py --npy DIR --images N --threads 1,2 [--predictions FILE]
"""
import argparse
import gzip
import time

import numpy as np
import torch

FASHION = "/usr/share/datasets/fashion-mnist"
STEPS = 20
LEAK = 0.75
THRESHOLD = 1.0


def load_images(n):
    with gzip.open(f"{FASHION}/t10k-images-idx3-ubyte.gz") as f:
        images = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 784)[:n]
    with gzip.open(f"{FASHION}/t10k-labels-idx1-ubyte.gz") as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)[:n]
    return torch.from_numpy(images.copy()), torch.from_numpy(labels.astype(np.int64))


def load_weights(npy_dir):
    weights = []
    k = 1
    while True:
        try:
            weights.append(torch.from_numpy(np.load(f"{npy_dir}/fc{k}.npy")).float().contiguous())
        except FileNotFoundError:
            return weights
        k += 1


def decide(counts, label):
    """Prediction (lowest index on ties) and the desire-backpropagation correctness (unique maximum)."""
    best = int(torch.argmax(counts))  # first maximal index
    unique = int((counts == counts[best]).sum()) == 1
    return best, best == int(label) and unique


def forward_one(weights, image):
    """One image, the authors' loop structure: output spike counts."""
    pixels = image.float() / 255.0  # what torchvision's ToTensor gives
    v_in = torch.zeros(784)
    mem = [torch.zeros(w.shape[0]) for w in weights]
    prev = [torch.zeros(w.shape[0], dtype=torch.bool) for w in weights]
    counts = torch.zeros(weights[-1].shape[0], dtype=torch.int32)
    for _ in range(STEPS):
        v_in.add_(pixels)
        s = v_in.ge(THRESHOLD)
        v_in.sub_(s.float(), alpha=THRESHOLD)
        now = []
        for l, w in enumerate(weights):
            src = s if l == 0 else prev[l - 1]  # one-step delay between layers
            mem[l].mul_(LEAK).addmv_(w, src.float())
            out = mem[l].ge(THRESHOLD)
            mem[l].sub_(out.float(), alpha=THRESHOLD)
            now.append(out)
        prev = now
        counts += now[-1].int()
    return counts


def forward_batch(weights, images):
    """Many images at once (not the authors' loop): output spike counts per image."""
    pixels = images.float() / 255.0
    b = pixels.shape[0]
    v_in = torch.zeros(b, 784)
    mem = [torch.zeros(b, w.shape[0]) for w in weights]
    prev = [torch.zeros(b, w.shape[0]) for w in weights]
    counts = torch.zeros(b, weights[-1].shape[0])
    for _ in range(STEPS):
        v_in.add_(pixels)
        s = v_in.ge(THRESHOLD).float()
        v_in.sub_(s, alpha=THRESHOLD)
        now = []
        for l, w in enumerate(weights):
            src = s if l == 0 else prev[l - 1]
            mem[l].mul_(LEAK).addmm_(src, w.t())
            out = mem[l].ge(THRESHOLD).float()
            mem[l].sub_(out, alpha=THRESHOLD)
            now.append(out)
        prev = now
        counts += now[-1]
    return counts


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--npy", required=True)
    p.add_argument("--images", type=int, default=1000)
    p.add_argument("--threads", default="1,2")
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--predictions")
    a = p.parse_args()
    torch.set_grad_enabled(False)
    weights = load_weights(a.npy)
    images, labels = load_images(a.images)
    n = len(labels)
    print(f"PyTorch {torch.__version__}, {'-'.join(str(x) for x in [784] + [w.shape[0] for w in weights])}, "
          f"T = {STEPS}, {n} Fashion-MNIST test images")
    for threads in [int(t) for t in a.threads.split(",")]:
        torch.set_num_threads(threads)
        for i in range(min(n, 20)):  # warm-up
            forward_one(weights, images[i])
        t0, c0 = time.perf_counter(), time.process_time()
        preds, correct = [], 0
        for i in range(n):
            pred, ok = decide(forward_one(weights, images[i]), labels[i])
            preds.append(pred)
            correct += ok
        s, c = time.perf_counter() - t0, time.process_time() - c0
        print(f"{threads} thread(s): authors' loop (one image at a time): {n / s:7.1f} images/s "
              f"({n / c:7.1f} per CPU-s), accuracy {100 * correct / n:.2f} %")
        t0, c0 = time.perf_counter(), time.process_time()
        bcorrect = 0
        for i in range(0, n, a.batch):
            counts = forward_batch(weights, images[i:i + a.batch])
            for k in range(counts.shape[0]):
                bcorrect += decide(counts[k], labels[i + k])[1]
        s, c = time.perf_counter() - t0, time.process_time() - c0
        print(f"{threads} thread(s): batched, {a.batch} images per product (not the authors' loop): "
              f"{n / s:7.1f} images/s ({n / c:7.1f} per CPU-s), accuracy {100 * bcorrect / n:.2f} %")
    if a.predictions:
        with open(a.predictions) as f:
            java = [int(line.split()[0]) for line in f][:n]
        agree = sum(1 for x, y in zip(java, preds) if x == y)
        print(f"predictions equal to spikeforge's FloatSimulator (double): {agree} of {len(java)}")


if __name__ == "__main__":
    main()
