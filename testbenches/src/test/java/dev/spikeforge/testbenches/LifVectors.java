package dev.spikeforge.testbenches;

import dev.spikeforge.golden.neuron.Lif;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ResetMode;

/**
 * Stimulus for a LifNeuronUnit harness and the golden model's answers ({@link Lif#step}). Columns
 * are looked up by port name and value ranges come from the harness's port widths, so nothing here
 * knows the widths of a particular variant.
 */
final class LifVectors {
  /** Inputs, and the outputs {@link Lif#step} expects, row by row. */
  record Cases(long[][] inputs, long[][] expected) {}

  private final VectorHarness harness;
  private final int membraneWidth;
  private final Port v;
  private final Port current;
  private final int thresholdCol;
  private final int leakCol;
  private final int resetCol;
  private final int vCol;
  private final int currentCol;
  private final int vNextCol;
  private final int spikeCol;

  LifVectors(VectorHarness harness) {
    this.harness = harness;
    this.thresholdCol = harness.inputIndex("param_threshold");
    this.leakCol = harness.inputIndex("param_leak_shift");
    this.resetCol = harness.inputIndex("param_reset_zero");
    this.vCol = harness.inputIndex("state_v");
    this.currentCol = harness.inputIndex("in_current");
    this.vNextCol = harness.outputIndex("state_v_next");
    this.spikeCol = harness.outputIndex("spike");
    this.v = harness.inputs().get(vCol);
    this.current = harness.inputs().get(currentCol);
    this.membraneWidth = v.width();
  }

  /**
   * Every membrane value x every input current x both reset modes x every leak shift 0..M-1, for
   * one threshold.
   */
  Cases exhaustive(long threshold) {
    long vMin = -(1L << (membraneWidth - 1));
    long iMin = -(1L << (current.width() - 1));
    int rows = 2 * membraneWidth * (1 << membraneWidth) * (1 << current.width());
    long[][] in = new long[rows][];
    long[][] out = new long[rows][];
    int r = 0;
    for (ResetMode mode : ResetMode.values()) {
      for (int k = 0; k < membraneWidth; k++) {
        NeuronSpec spec = new NeuronSpec(membraneWidth, threshold, k, mode);
        for (long vv = vMin; vv < -vMin; vv++) {
          for (long ii = iMin; ii < -iMin; ii++) {
            in[r] = row(spec, vv, ii);
            out[r] = expected(spec, vv, ii);
            r++;
          }
        }
      }
    }
    return new Cases(in, out);
  }

  /**
   * {@code n} random vectors (every parameter random too, within NeuronSpec's ranges), from the
   * project's LFSR so that a failure reproduces from the seed; the first vectors are the corners
   * (extreme membrane, current and threshold values).
   */
  Cases random(int n, long seed) {
    Lfsr rng = Lfsr.seeded(seed);
    long vMin = -(1L << (membraneWidth - 1));
    long vMax = -vMin - 1;
    long iMin = -(1L << (current.width() - 1));
    long iMax = -iMin - 1;
    long[][] in = new long[n][];
    long[][] out = new long[n][];
    long[] vCorners = {vMin, vMin + 1, -1, 0, 1, vMax - 1, vMax};
    long[] iCorners = {iMin, -1, 0, 1, iMax};
    int r = 0;
    for (long vv : vCorners) {
      for (long ii : iCorners) {
        for (long thr : new long[] {1, vMax}) {
          for (ResetMode mode : ResetMode.values()) {
            if (r < n) {
              NeuronSpec spec = new NeuronSpec(membraneWidth, thr, r % membraneWidth, mode);
              in[r] = row(spec, vv, ii);
              out[r] = expected(spec, vv, ii);
              r++;
            }
          }
        }
      }
    }
    for (; r < n; r++) {
      long thr = 1 + uniform(rng, vMax); // 1..vMax
      int k = (int) uniform(rng, membraneWidth); // 0..M-1
      ResetMode mode = rng.nextBit() == 0 ? ResetMode.SUBTRACT : ResetMode.ZERO;
      long vv = v.fromBits(randomBits(rng, membraneWidth));
      long ii = current.fromBits(randomBits(rng, current.width()));
      NeuronSpec spec = new NeuronSpec(membraneWidth, thr, k, mode);
      in[r] = row(spec, vv, ii);
      out[r] = expected(spec, vv, ii);
    }
    return new Cases(in, out);
  }

  /** The golden model's outputs for these inputs, in the harness's output column order. */
  long[] expected(NeuronSpec spec, long vv, long ii) {
    Lif.LifState s = Lif.step(spec, vv, ii);
    long[] o = new long[harness.outputs().size()];
    o[vNextCol] = s.membrane();
    o[spikeCol] = s.spike() ? 1 : 0;
    return o;
  }

  /** Expected outputs for existing input rows computed with another threshold (a wrong model). */
  long[][] expectedWithThreshold(long[][] inputs, long threshold) {
    long[][] out = new long[inputs.length][];
    for (int r = 0; r < inputs.length; r++) {
      long[] row = inputs[r];
      NeuronSpec spec = new NeuronSpec(membraneWidth, threshold, (int) row[leakCol],
          row[resetCol] == 1 ? ResetMode.ZERO : ResetMode.SUBTRACT);
      out[r] = expected(spec, row[vCol], row[currentCol]);
    }
    return out;
  }

  private long[] row(NeuronSpec spec, long vv, long ii) {
    long[] in = new long[harness.inputs().size()];
    in[thresholdCol] = spec.threshold();
    in[leakCol] = spec.leakShift();
    in[resetCol] = spec.reset() == ResetMode.ZERO ? 1 : 0;
    in[vCol] = vv;
    in[currentCol] = ii;
    return in;
  }

  private static long randomBits(Lfsr rng, int width) {
    return width <= 32 ? rng.nextBits(width) : rng.nextBits(32) | (rng.nextBits(width - 32) << 32);
  }

  /** Uniform in 0..bound-1 by rejection (bound <= 2^31). */
  private static long uniform(Lfsr rng, long bound) {
    int bits = Math.max(1, 64 - Long.numberOfLeadingZeros(bound - 1));
    while (true) {
      long x = rng.nextBits(bits);
      if (x < bound) {
        return x;
      }
    }
  }
}
