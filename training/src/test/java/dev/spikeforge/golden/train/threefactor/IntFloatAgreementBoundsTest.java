package dev.spikeforge.golden.train.threefactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.learning.threefactor.DerivativeLut;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.learning.threefactor.GaussianDerivativeKernel;
import dev.spikeforge.golden.learning.threefactor.GaussianSurrogate;
import dev.spikeforge.golden.learning.threefactor.SurrogateLut;
import dev.spikeforge.golden.learning.threefactor.Traces;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.hw.DelayMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Where the integer form departs from the float form and by how much (docs/learning.md (Part II) §5):
 * each lookup table and trace within its stated bound, and whole eligibilities within a tolerance.
 */
@Tag("unit")
@net.jqwik.api.Tag("unit")
class IntFloatAgreementBoundsTest {
  /** |ψ_LUT(u)/2^P − ψ(u)| ≤ half a bin times max|ψ'| + half an LSB, or the tail ψ beyond the table. */
  @Property(tries = 200)
  void surrogateTableWithinBound(@ForAll @DoubleRange(min = 4, max = 64) double sigma,
      @ForAll @IntRange(min = 0, max = 5) int shift, @ForAll @IntRange(min = -400, max = 400) int u) {
    GaussianSurrogate psi = new GaussianSurrogate(sigma);
    int half = 8;
    SurrogateLut lut = SurrogateLut.of(psi, shift, half, 8);
    double got = lut.lookup(u) / 256.0;
    double maxSlope = Math.exp(-0.5) / sigma;
    double inBin = Math.scalb(1.0, shift - 1) * maxSlope + Math.scalb(1.0, -9);
    double tail = psi.psi(half * Math.scalb(1.0, shift));
    assertTrue(Math.abs(got - psi.psi(u)) <= Math.max(inBin, tail) + 1e-12,
        "u=" + u + " lut " + got + " float " + psi.psi(u));
  }

  /** At integer delays the FIR differs from the float kernel by at most half a tap LSB per spike in the window. */
  @Property(tries = 200)
  void derivativeFirWithinBound(@ForAll @DoubleRange(min = 0.5, max = 3) double sigma,
      @ForAll @IntRange(min = 1, max = 5) int radius, @ForAll @IntRange(min = 0, max = 10) int d,
      @ForAll @IntRange(min = 0, max = 30) int t, @ForAll long seed) {
    GaussianDerivativeKernel k = new GaussianDerivativeKernel(sigma, radius);
    DerivativeLut lut = DerivativeLut.of(k, 6);
    boolean[] h = new boolean[31];
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    for (int s = 0; s < h.length; s++) {
      h[s] = r.nextDouble() < 0.4;
    }
    double got = lut.derivative(h, t, d) / 64.0;
    assertEquals(k.derivative(h, t, d), got, (2 * radius + 1) * Math.scalb(1.0, -7) + 1e-12);
  }

  /** The floor-leak trace stays at most 2^k LSB above the exact trace scaled by 2^F (the floor shift leaks less). */
  @Property(tries = 200)
  void presynapticTraceWithinBound(@ForAll @IntRange(min = 1, max = 4) int k, @ForAll @IntRange(min = 0, max = 8) int frac,
      @ForAll long seed) {
    SpikeRaster x = TinyNets.randomRaster(1, 80, 0.3, seed);
    double alpha = 1 - Math.scalb(1.0, -k);
    double f = 0;
    long i = 0;
    for (int t = 0; t < 80; t++) {
      boolean s = x.at(t).length > 0;
      f = Traces.step(f, alpha, s ? 1 : 0);
      i = Traces.step(i, k, Traces.spike(s, frac));
      double exact = Math.scalb(f, frac);
      assertTrue(i >= exact - 1e-9 && i < exact + Math.scalb(1.0, k) + 1e-9, "t=" + t + " int " + i + " float " + exact);
    }
  }

  /**
   * One sample from the same initial network: the integer weight eligibilities, rescaled by
   * 2^−(P_ψ+F_x), point the same way as the float ones (cosine ≥ 0.95) and differ by at most 30 %
   * of their L1 magnitude. The differences come from the ψ table's bins and the floor leaks of
   * traces and membranes (which can also move a spike).
   */
  @Test
  void wholeLayerEligibilitiesAgree() {
    ThreeFactorConfig fc = TinyNets.config(6, true, DelayMode.SYNAPTIC, NumericForm.FLOAT, FeedbackMode.SYMMETRIC);
    InitialNetwork init = InitialNetwork.generate(fc, 6, 3);
    FloatThreeFactorModel fm = new FloatThreeFactorModel(fc, init, 6, 3, TinyNets.TASK.steps());
    IntThreeFactorModel im = new IntThreeFactorModel(fc.withForm(NumericForm.INT), init, 6, 3, TinyNets.TASK.steps());
    SpikeRaster x = new dev.spikeforge.golden.data.DelayPatternTask(TinyNets.TASK).trainSet(3).raster(2);
    fm.forward(x);
    im.forward(x);
    double scale = Math.scalb(1.0, -(fc.intFormat().psiFracBits() + fc.intFormat().traceFracBits()));
    double diff = 0;
    double mag = 0;
    double dot = 0;
    double ni = 0;
    double nf = 0;
    for (int n = 0; n < fm.hidden.ebW.length; n++) {
      double a = im.hidden.ebW[n] * scale;
      double b = fm.hidden.ebW[n];
      diff += Math.abs(a - b);
      mag += Math.abs(b);
      dot += a * b;
      ni += a * a;
      nf += b * b;
    }
    double cosine = dot / Math.sqrt(ni * nf);
    assertTrue(mag > 0.5, "the sample produced eligibilities: " + mag);
    assertTrue(cosine >= 0.95, "cosine " + cosine);
    assertTrue(diff <= 0.30 * mag, "relative L1 difference " + diff / mag);
  }
}
