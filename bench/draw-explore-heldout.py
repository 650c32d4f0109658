#!/usr/bin/env python3
"""Draw random configurations for the explore estimator's held-out runs (docs/explore.md, "Held-out error").

Usage: bench/draw-explore-heldout.py SEED COUNT EXCLUDED_FILE... > bench/explore-heldoutN-configs.txt

Prints COUNT distinct configurations `sizes:weightBits:membraneBits:lanes:board[:binarized][:ftfK]` (the
syntax of bench/run-explore-calibration.sh), none of them in an EXCLUDED_FILE (a config list, one a line,
`#` comments, or an estimator JSON with `runs[].name`). The draw covers what the estimator must handle:

* shapes: every third draw the trained network's 784-128-10 (the Fashion-MNIST sweep's), else one of
  784-10, 784-{16,24,32,48,64,96}-10, 784-32-16-10;
* weight bits 2..8, membrane bits 6..16, lanes 1..8 (any P, not only powers of two);
* a binarized hidden layer with probability 0.3 (networks with a hidden layer);
* first-to-fire readout with probability 0.5, K = 3 or 5 (the sweep's early exit is K = 5);
* the HX8K breakout with probability 0.25, drawn only when the first layer's weights fit 28 of its 32 block
  RAMs (784 · hidden · weight bits ≤ 28 · 4096; else the flow's fit check refuses them before synthesis and
  there is nothing to compare).
"""
import json
import random
import sys

HIDDEN = [None, 16, 24, 32, 48, 64, 96, "32,16"]


def excluded(paths):
    names = set()
    for p in paths:
        text = open(p).read()
        if p.endswith(".json"):
            names.update(r["name"] for r in json.loads(text)["runs"])
        else:
            names.update(l.strip() for l in text.splitlines() if l.strip() and not l.startswith("#"))
    return names


def draw(rng, trained):
    hidden = 128 if trained else rng.choice(HIDDEN)
    sizes = "784,10" if hidden is None else f"784,{hidden},10"
    w = rng.randint(2, 8)
    m = rng.randint(6, 16)
    p = rng.randint(1, 8)
    binarized = hidden is not None and rng.random() < 0.3
    ftf = rng.choice([3, 5]) if rng.random() < 0.5 else 0
    first = 10 if hidden is None else int(str(hidden).split(",")[0])
    fits_hx8k = 784 * first * (1 if binarized else w) <= 28 * 4096
    board = "hx8k-breakout" if fits_hx8k and rng.random() < 0.25 else "icebreaker"
    cfg = f"{sizes}:{w}:{m}:{p}:{board}"
    if binarized:
        cfg += ":binarized"
    if ftf:
        cfg += f":ftf{ftf}"
    return cfg


def main():
    seed, count, paths = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    rng = random.Random(seed)
    seen = excluded(paths)
    out = []
    while len(out) < count:
        cfg = draw(rng, len(out) % 3 == 0)
        if cfg not in seen:
            seen.add(cfg)
            out.append(cfg)
    print(f"# {count} configurations for the explore estimator's held-out error, drawn by")
    print(f"#   bench/draw-explore-heldout.py {seed} {count} {' '.join(paths)}")
    print("# (seed, distribution and exclusions in that script's doc comment); none among the calibration or earlier")
    print("# held-out runs. sizes:weightBits:membraneBits:lanes:board[:binarized][:ftfK], as bench/run-explore-calibration.sh")
    print("# takes them.")
    for c in out:
        print(c)


if __name__ == "__main__":
    main()
