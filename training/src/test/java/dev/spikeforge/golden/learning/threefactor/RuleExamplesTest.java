package dev.spikeforge.golden.learning.threefactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every rule of the three-factor update on a tiny example computed by hand (values in the comments). */
@Tag("unit")
class RuleExamplesTest {
  @Test
  void gaussianSurrogate() {
    GaussianSurrogate s = new GaussianSurrogate(16);
    assertEquals(1.0, s.psi(0), 0);
    // exp(-16^2 / (2 * 16^2)) = exp(-0.5)
    assertEquals(0.6065306597, s.psi(-16), 1e-10);
    assertEquals(s.psi(7), s.psi(-7), 0);
    assertThrows(IllegalArgumentException.class, () -> new GaussianSurrogate(0));
  }

  @Test
  void surrogateLookupTable() {
    // sigma 16, bins of 2^3 = 8 membrane units, 8 bins per side, 8 fraction bits
    SurrogateLut lut = SurrogateLut.of(new GaussianSurrogate(16), 3, 8, 8);
    // bin q = 0 covers u in [0, 8), centre 4: 256 * exp(-16/512) = 248.12 -> 248
    assertEquals(248, lut.lookup(0));
    assertEquals(248, lut.lookup(7));
    // u = -1: q = -1 >> 3 = -1, centre -4 -> 248
    assertEquals(248, lut.lookup(-1));
    // u = 16..23: q = 2, centre 20: 256 * exp(-400/512) = 117.20 -> 117
    assertEquals(117, lut.lookup(20));
    // u = -24: q = -3, centre -20 -> 117
    assertEquals(117, lut.lookup(-24));
    // q = -8 (u = -64): centre -60: 256 * exp(-3600/512) = 0.226 -> 0; q = 8 is outside -> 0
    assertEquals(0, lut.lookup(-64));
    assertEquals(0, lut.lookup(64));
    assertEquals(0, lut.lookup(-1000));
    // q = -5 (u = -34): centre -36: 256 * exp(-1296/512) = 20.37 -> 20
    assertEquals(20, lut.lookup(-34));
    assertEquals(16, lut.entries().length);
  }

  @Test
  void derivativeTapsAndFir() {
    GaussianDerivativeKernel k = new GaussianDerivativeKernel(1.0, 3);
    // g'(u) = -u exp(-u^2/2): g'(1) = -0.60653, g'(2) = -0.27067, g'(3) = -0.03333
    assertEquals(-0.6065306597, k.dg(1), 1e-10);
    assertEquals(0, k.dg(3.5), 0);
    DerivativeLut lut = DerivativeLut.of(k, 6);
    // x 64, half-even: -38.82 -> -39, -17.32 -> -17, -2.13 -> -2
    assertArrayEquals(new int[] {2, 17, 39, 0, -39, -17, -2}, lut.taps());
    boolean[] history = new boolean[8];
    history[2] = true;
    history[5] = true;
    // t = 6, d = 2: taps Δ = -2..3 read s = 4 - Δ: s = 5 (Δ = -1, +39) and s = 2 (Δ = 2, -17)
    assertEquals(22, lut.derivative(history, 6, 2));
    // d = 0 at t = 5: Δ = 0..3 reads s = 5 (Δ 0, tap 0), s = 2 (Δ 3, -2)
    assertEquals(-2, lut.derivative(history, 5, 0));
    // float: centre t - d = 4: g'(4 - 5) + g'(4 - 2) = 0.60653 - 0.27067
    assertEquals(0.6065307 - 0.2706706, k.derivative(history, 6, 2.0), 1e-6);
    // causal: at t = 4 the spike of step 5 is not emitted yet, only s = 2 counts (u = 4 - 1.5 - 2 = 0.5)
    assertEquals(k.dg(4 - 1.5 - 2), k.derivative(history, 4, 1.5), 1e-12);
  }

  @Test
  void traces() {
    // float: 0.5 * 1.5 + 1 = 1.75
    assertEquals(1.75, Traces.step(1.5, 0.5, 1), 0);
    // integer, k = 1, 4 fraction bits: 40 - (40 >> 1) + 16 = 36
    assertEquals(36, Traces.step(40, 1, Traces.spike(true, 4)));
    // floor leak of a negative trace: -3 - (-3 >> 1) = -3 - (-2) = -1
    assertEquals(-1, Traces.step(-3, 1, 0));
    // k = 0: no leak
    assertEquals(45, Traces.step(40, 0, 5));
    assertEquals(0, Traces.spike(false, 4));
  }

  @Test
  void eligibilities() {
    assertEquals(0.5 * 2 + 0.25 * 4, Eligibility.accumulate(2, 0.5, 0.25, 4), 0);
    // kappa = 1: 100 + 200 * 16 = 3300
    assertEquals(3300, Eligibility.accumulate(100, 0, 200, 16, 32));
    // kappa = 1 - 1/4: 100 - 25 + 3200 = 3275
    assertEquals(3275, Eligibility.accumulate(100, 2, 200, 16, 32));
    // saturates into 16 bits
    assertEquals(32767, Eligibility.accumulate(32000, 0, 200, 16, 16));
    assertEquals(-32768, Eligibility.accumulate(-32000, 0, 200, -16, 16));
  }

  @Test
  void outputError() {
    assertEquals(-2, OutputError.delta(1, true, 3, 0));
    assertEquals(0, OutputError.delta(5, true, 3, 0));
    assertEquals(2, OutputError.delta(2, false, 3, 0));
    assertEquals(0, OutputError.delta(0, false, 3, 0));
    assertArrayEquals(new long[] {1, -3, 0}, OutputError.deltas(new long[] {2, 0, 1}, 1, 3, 1));
    assertArrayEquals(new double[] {1.5, -0.5, 0}, OutputError.deltas(new double[] {2.5, 2.5, 0}, 1, 3, 1), 0);
  }

  @Test
  void learningSignal() {
    int[][] b = {{1, 2}, {3, -1}};
    // L0 = 1*(-2) + 2*1 = 0; L1 = 3*(-2) + (-1)*1 = -7
    assertArrayEquals(new long[] {0, -7}, LearningSignal.of(b, new long[] {-2, 1}));
    assertArrayEquals(new double[] {0, -7}, LearningSignal.of(new double[][] {{1, 2}, {3, -1}}, new double[] {-2, 1}), 0);
    // symmetric: B = W_out transposed; W_out is [outputs][hidden]
    int[][] wOut = {{1, 2, 3}, {4, 5, 6}};
    assertArrayEquals(new int[][] {{1, 4}, {2, 5}, {3, 6}}, LearningSignal.symmetric(wOut));
  }

  @Test
  void randomFeedbackFollowsTheLfsr() {
    int[][] b = RandomFeedback.generate(3, 2, 8, 42);
    // replay the LFSR by hand: entries are 8 LFSR output bits, LSB first, minus 128
    int s = dev.spikeforge.golden.numerics.Lfsr.seeded(42, RandomFeedback.STREAM).state();
    for (int j = 0; j < 3; j++) {
      for (int k = 0; k < 2; k++) {
        int v = 0;
        for (int bit = 0; bit < 8; bit++) {
          int out = s & 1;
          s >>>= 1;
          if (out != 0) {
            s ^= 0x80200003;
          }
          v |= out << bit;
        }
        assertEquals(v - 128, b[j][k]);
      }
    }
    assertArrayEquals(b, RandomFeedback.generate(3, 2, 8, 42));
  }

  @Test
  void weightUpdate() {
    // float: 2 - 0.5 * 3 * 1 = 0.5; clipped to [-128, 127]
    assertEquals(0.5, WeightUpdate.apply(2, 0.5, 3, 1, -128, 127), 0);
    assertEquals(127, WeightUpdate.apply(126, 1, -10, 1, -128, 127), 0);
    // integer: L·ē = 3 * 700 = 2100, >> 4 half-even = 131.25 -> 131; 1000 - 131 = 869
    assertEquals(869, WeightUpdate.applyShadow(1000, 3, 700, 4, 16));
    // tie: 24 >> 4 = 1.5 -> 2 (even); 40 >> 4 = 2.5 -> 2 (even)
    assertEquals(-2, WeightUpdate.applyShadow(0, 1, 24, 4, 16));
    assertEquals(-2, WeightUpdate.applyShadow(0, 1, 40, 4, 16));
    // saturation of the 16-bit shadow
    assertEquals(32767, WeightUpdate.applyShadow(32700, -1000, 1, 0, 16));
    // forward weight: 869 / 256 = 3.39 -> 3; 384 / 256 = 1.5 -> 2 (half up); -384 -> -1
    assertEquals(3, WeightUpdate.forward(869, 8, 8));
    assertEquals(2, WeightUpdate.forward(384, 8, 8));
    assertEquals(-1, WeightUpdate.forward(-384, 8, 8));
    // 32767 / 256 rounds to 128, saturates to 127
    assertEquals(127, WeightUpdate.forward(32767, 8, 8));
  }

  @Test
  void delayUpdate() {
    // float: 2 + 0.25 * 4 = 3; clipped into [0, 8]
    assertEquals(3, DelayUpdate.apply(2, 0.25, 4, 0, 8), 0);
    assertEquals(8, DelayUpdate.apply(7, 1, 4, 0, 8), 0);
    assertEquals(1, DelayUpdate.apply(1.5, 1, -4, 1, 8), 0);
    assertEquals(3, DelayUpdate.forward(2.5, 0, 8));
    assertEquals(2, DelayUpdate.forward(2.49, 0, 8));
    assertEquals(8, DelayUpdate.forward(8.0, 0, 8));
    // integer: 768 (3.0) + (1000 >> 2 = 250) = 1018 = 3.98 -> 4
    assertEquals(1018, DelayUpdate.applyShadow(768, 1000, 2, 8, 0, 8));
    assertEquals(4, DelayUpdate.forward(1018, 8));
    assertEquals(8 << 8, DelayUpdate.applyShadow(768, 1 << 30, 2, 8, 0, 8));
    assertEquals(1 << 8, DelayUpdate.applyShadow(768, -(1 << 30), 2, 8, 1, 8));
    // 640 = 2.5 rounds half up to 3
    assertEquals(3, DelayUpdate.forward(640, 8));
  }

  @Test
  void learningRateShifts() {
    IntLearningFormat f = IntLearningFormat.DEFAULT;
    // s_W = F_y + P_psi + F_x - F_w - lrLog2 = 0 + 8 + 8 - 10 + 12
    assertEquals(18, f.weightShift(-12));
    // s_d = F_y + P_psi + P_g - F_d - lrLog2 = 0 + 8 + 6 - 8 + 12
    assertEquals(18, f.delayShift(-12));
    assertThrows(IllegalArgumentException.class, () -> f.weightShift(10));
  }
}
