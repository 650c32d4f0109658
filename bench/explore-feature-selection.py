#!/usr/bin/env python3
"""Feature selection for the explore estimator's logic-cell model (docs/explore.md, "Choosing the features").

Compares, by leave-one-out logic-cell error on the calibration runs, the four base features (constant, datapath,
layers, load port) and every addition of up to three of eleven candidates. An analysis aid, not part of the tool:
the estimator itself is `flow.explore.CostEstimator` over `CoreShape.features()`, which mirror `feats()` below, and
`memories()`/`libmap()` mirror `CoreShape.rtlMemories()`/`Ice40BlockRams` (the Java code and its tests are the
reference; this script only re-computes the selection table).

Usage: bench/explore-feature-selection.py [flow/src/main/resources/dev/spikeforge/flow/explore/estimator-calibration.json]
Needs numpy (Debian: python3-numpy).
"""
import itertools
import json
import math
import sys

import numpy as np

EMULATION = {'rom': 1, 'loaded': 7, 'state': 4}   # Yosys' emulation scores of the core's memory kinds


def libmap(size, width, ports):
    """(blocks, best (blocks, price, mux bits), logic cost) of one memory, as Ice40BlockRams prices it."""
    writable = ports != 'rom'
    logic = size * width * (1 if writable else 1 / 16)
    best = None
    for maxw, bit_enable in ((2, False), (3, True)):
        cb = None
        bt = 0
        for base in range(4):
            u = min(base, maxw) if writable else base
            if u != base and cb is not None:
                break
            unit = 2 << u
            bw = unit if (writable and not bit_enable) else 1
            db = -(-width // bw) * bw
            words = 1 << (11 - base)
            ranges = (size - 1) // words + 1
            blocks = -(-(ranges * db) // unit)
            mux = (ranges - 1) * width
            demux = ranges if (writable and ranges != 1) else 0
            cost = 64 * blocks + 0.5 * mux + 0.5 * demux + 2 * EMULATION[ports]
            if cb is None or cost < bt:
                cb = (blocks, cost, mux)
                bt = int(cost)
        if best is None or cb[1] < best[1]:
            best = cb
    return (best[0] if best[1] < int(logic) else 0), best, logic


def memories(run):
    hw = run['shape']['hardware']
    load = hw['sprams'] > 0
    out = [(2, hw['indexWidth'] + 1, 'state')]
    for m in run['shape']['memories']:
        if m['kind'] == 'BLOCK_RAM' and m['role'] != 'PARAMS':
            out.append((m['depth'], m['width'], 'loaded' if load else 'rom'))
    layers = hw['layers']
    for l, h in enumerate(layers):
        g, p = h['groups'], h['lanes']
        st = max(2, g)
        out.append((st, p * h['membraneWidth'], 'state'))
        out.extend([(max(2, h['ringSlots'] * g), h['currentWidth'], 'state')] * p)
        if l + 1 < len(layers):
            e = (0 if g <= 1 else math.ceil(math.log2(g))) + p
            out.append((st, e, 'state'))
            out.append((3, e + 1, 'state'))
    return out


def feats(run):
    hw = run['shape']['hardware']
    layers = hw['layers']
    ram = rom = mux = 0
    for size, width, ports in memories(run):
        blocks, best, _ = libmap(size, width, ports)
        if blocks == 0:
            if ports == 'rom':
                rom += size * width
            else:
                ram += size * width
        else:
            mux += best[2]
    ftf = 1 if hw['readoutMode'] == 'FIRST_TO_FIRE' else 0
    return {
        'constant': 1,
        'datapath': sum(h['lanes'] * (h['membraneWidth'] + h['currentWidth']) for h in layers),
        'layers': len(layers),
        'load port': 1 if hw['sprams'] > 0 else 0,
        'first-to-fire': ftf,
        'first-to-fire x output lanes': ftf * layers[-1]['lanes'],
        'writable bits in flip-flops': ram,
        'read-only bits in logic': rom / 16,
        'read-multiplexer bits': mux,
        'sum P': sum(h['lanes'] for h in layers),
        'sum P*M': sum(h['lanes'] * h['membraneWidth'] for h in layers),
        'sum P*C': sum(h['lanes'] * h['currentWidth'] for h in layers),
        'sum P*W': sum(h['lanes'] * (1 if h['kind'] == 'BINARIZED' else h['weightWidth']) for h in layers),
        'binarized layers': sum(1 for h in layers if h['kind'] == 'BINARIZED'),
        'part HX': 1 if run['part'].startswith('iCE40HX') else 0,
    }


BASE = ['constant', 'datapath', 'layers', 'load port']
CANDIDATES = ['first-to-fire', 'first-to-fire x output lanes', 'writable bits in flip-flops', 'read-only bits in logic',
              'read-multiplexer bits', 'sum P', 'sum P*M', 'sum P*C', 'sum P*W', 'binarized layers', 'part HX']


def leave_one_out(runs, names):
    rows = [(np.array([feats(r)[n] for n in names], float), r['measured']['logicCells'])
            for r in runs if 'logicCells' in r['measured']]
    x = np.array([f for f, _ in rows])
    y = np.array([v for _, v in rows], float)
    errs = []
    for i in range(len(y)):
        keep = np.ones(len(y), bool)
        keep[i] = False
        b = np.linalg.lstsq(x[keep], y[keep], rcond=None)[0]
        errs.append(abs(round(x[i] @ b) - y[i]) / y[i])
    return np.median(errs), np.mean(errs), max(errs)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else \
        'flow/src/main/resources/dev/spikeforge/flow/explore/estimator-calibration.json'
    runs = json.load(open(path))['runs']
    table = []
    for k in range(4):
        for extra in itertools.combinations(CANDIDATES, k):
            table.append((leave_one_out(runs, BASE + list(extra)), extra))
    table.sort(key=lambda t: t[0][1])
    print('%d runs; leave-one-out logic-cell error: median / mean / worst, by mean' % len(runs))
    for (med, mean, worst), extra in table[:10]:
        print('%5.1f %% %5.1f %% %5.1f %%  base + %s' % (100 * med, 100 * mean, 100 * worst, ', '.join(extra) or '-'))
    (med, mean, worst), _ = next(t for t in table if not t[1])
    print('%5.1f %% %5.1f %% %5.1f %%  base alone' % (100 * med, 100 * mean, 100 * worst))


if __name__ == '__main__':
    main()
