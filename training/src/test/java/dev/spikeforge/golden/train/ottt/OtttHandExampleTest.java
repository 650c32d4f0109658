package dev.spikeforge.golden.train.ottt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.spikeforge.golden.learning.ottt.OtttFloat;
import dev.spikeforge.golden.learning.ottt.OtttInt;
import dev.spikeforge.golden.learning.ottt.OtttIntParams;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.train.SampleOutcome;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One sample of two steps on a 2-2-2 network computed by hand (docs/learning.md Part III §5), in
 * the integer and the float form: every membrane, surrogate, trace, error and weight step.
 *
 * <p>Input: channel 0 spikes at t = 0, channels 0 and 1 at t = 1; label 1; leak shift k = 1
 * (λ = 1/2); learning rate 2^−2 in both layers.
 */
@Tag("unit")
class OtttHandExampleTest {
  static final SpikeRaster INPUT = SpikeRaster.of(2, new int[][] {{0}, {0, 1}});
  static final int LABEL = 1;

  /** B = 8, E = 4, M = 16, F = 2, D = 16, q = (2, 2): θ = 4, shadow = 16·w, trace unit 1/4; R = F − E − lr = 0. */
  static OtttConfig intConfig(int steps) {
    return new OtttConfig(new int[] {2, 2, 2}, steps, 1, false, new int[] {-2, -2}, 1,
        new OtttIntParams(8, 4, 16, 2, 16, new int[] {2, 2}, 0));
  }

  static OtttConfig floatConfig(int steps) {
    return new OtttConfig(new int[] {2, 2, 2}, steps, 1, false, new int[] {-2, -2}, 1, null);
  }

  /** Forward weights fc1 = [[5, 1], [1, −1]], fc2 = [[3, 1], [2, −1]] (thresholds 4), as shadows (×16). */
  static byte[] intStart() {
    return ints(80, 16, 16, -16, 48, 16, 32, -16);
  }

  /** The same network in threshold units. */
  static byte[] floatStart() {
    return doubles(1.25, 0.25, 0.25, -0.25, 0.75, 0.25, 0.5, -0.25);
  }

  @Test
  void integerFormStepByStep() {
    // t = 0, input {0}.
    // fc1: traces x = [0 - 0 + 4, 0] = [4, 0]; currents [5, 1].
    //   j0: v2 = leak(0) + 5 = 5 >= 4: spike, v = 1, psi = 4 - |5 - 4| = 3
    //   j1: v2 = 1, no spike, v = 1, psi = 4 - |1 - 4| = 1
    assertEquals(3, OtttInt.surrogate(5, 4));
    assertEquals(1, OtttInt.surrogate(1, 4));
    // fc2 sees hidden spike {0}: traces [4, 0]; currents [3, 2]
    //   k0: v2 = 3, psi = 3;  k1: v2 = 2, psi = 2; no output spikes
    // output errors (label 1): d0 = (0 - 0)*3 = 0, d1 = (0 - 1)*2 = -2
    assertEquals(-2, OtttInt.outputDelta(false, true, 2));
    // hidden: A0 = w2[1][0]*d1 = 2*(-2) = -4, d0 = shr4_HALF_EVEN(3 * -4 = -12) = -1 (-0.75 rounds to -1)
    //         A1 = w2[1][1]*d1 = (-1)(-2) = 2, d1 = shr4(1 * 2 = 2) = 0 (0.125 rounds to 0)
    assertEquals(-1, OtttInt.hiddenDelta(3, -4, 2, 16));
    assertEquals(0, OtttInt.hiddenDelta(1, 2, 2, 16));
    // updates, R = 2 - 4 + 2 = 0: fc1 sh[0][0] = 80 - (-1*4) = 84 (w = 5.25 -> 5);
    //                             fc2 sh[1][0] = 32 - (-2*4) = 40 (w = 2.5 -> 3, HALF_UP)
    assertEquals(0, OtttInt.updateShift(2, 4, -2));
    assertEquals(5, OtttInt.forwardWeight(84, 4, 8));
    assertEquals(3, OtttInt.forwardWeight(40, 4, 8));
    OtttEngine one = new OtttEngine(intConfig(1));
    one.restore(intStart());
    SampleOutcome first = one.train(INPUT, LABEL, 0, 0);
    assertArrayEquals(intStart(84, 16, 16, -16, 48, 16, 40, -16), one.state());
    assertEquals(0, first.prediction()); // no output spike: tie at 0, lowest index
    assertFalse(first.correct());
    assertEquals(1 / 2.0, first.loss()); // (z1 != y1) once over 1 step x 2 outputs

    // t = 1, input {0, 1}, forward weights fc1 [[5, 1], [1, -1]], fc2 [[3, 1], [3, -1]].
    // fc1: x = [leak(4) + 4, 0 + 4] = [6, 4]
    //   j0: I = 6, v2 = leak(1) + 6 = 7: spike, v = 3, psi = 4 - 3 = 1
    //   j1: I = 0, v2 = 1, v = 1, psi = 1
    assertEquals(6, OtttInt.trace(4, 1, 2, true));
    // fc2 sees {0}: x2 = [leak(4) + 4, 0] = [6, 0]
    //   k0: I = 3, v2 = leak(3) + 3 = 5: spike, v = 1, psi = 3
    //   k1: I = 3, v2 = leak(2) + 3 = 4: spike, v = 0, psi = 4
    // output errors: d0 = (1 - 0)*3 = 3, d1 = (1 - 1)*4 = 0
    // hidden: A0 = w2[0][0]*3 = 9, d0 = shr4(1*9) = 1 (0.5625 -> 1); A1 = w2[0][1]*3 = 3, d1 = shr4(3) = 0
    assertEquals(1, OtttInt.hiddenDelta(1, 9, 2, 16));
    assertEquals(0, OtttInt.hiddenDelta(1, 3, 2, 16));
    // updates: fc1 row 0 (d = 1): sh[0][0] = 84 - 6 = 78, sh[0][1] = 16 - 4 = 12
    //          fc2 row 0 (d = 3): sh[0][0] = 48 - 3*6 = 30
    OtttEngine two = new OtttEngine(intConfig(2));
    two.restore(intStart());
    SampleOutcome r = two.train(INPUT, LABEL, 0, 0);
    assertArrayEquals(intStart(78, 12, 16, -16, 30, 16, 40, -16), two.state());
    int[][] fc1 = two.intNetwork().layers().get(0).weights();
    int[][] fc2 = two.intNetwork().layers().get(1).weights();
    assertArrayEquals(new int[][] {{5, 1}, {1, -1}}, fc1); // 78/16 = 4.875 -> 5, 12/16 = 0.75 -> 1
    assertArrayEquals(new int[][] {{2, 1}, {3, -1}}, fc2); // 30/16 = 1.875 -> 2
    // counts [1, 1]: label 1 not the unique maximum; squared errors: t0 one (k1), t1 one (k0)
    assertEquals(0, r.prediction());
    assertFalse(r.correct());
    assertEquals(2 / 4.0, r.loss());
  }

  @Test
  void floatFormStepByStep() {
    // t = 0, input {0}: fc1 x = [1, 0]
    //   j0: v2 = 1.25: spike, v = 0.25, psi = 0.75;  j1: v2 = 0.25, psi = 0.25
    assertEquals(0.75, OtttFloat.surrogate(1.25));
    // fc2 sees {0}: x2 = [1, 0]; k0: v2 = 0.75, psi 0.75; k1: v2 = 0.5, psi 0.5; no output spike
    // output errors: [0, -0.5]; hidden sums [0.5*-0.5, -0.25*-0.5] = [-0.25, 0.125]
    //   deltas [0.75*-0.25, 0.25*0.125] = [-0.1875, 0.03125]
    // updates (eta 0.25): fc1[0][0] = 1.25 + 0.25*0.1875 = 1.296875; fc1[1][0] = 0.25 - 0.25*0.03125 = 0.2421875
    //                     fc2[1][0] = 0.5 + 0.25*0.5 = 0.625
    OtttEngine one = new OtttEngine(floatConfig(1));
    one.restore(floatStart());
    one.train(INPUT, LABEL, 0, 0);
    assertArrayEquals(doubles(1.296875, 0.25, 0.2421875, -0.25, 0.75, 0.25, 0.625, -0.25), one.state());

    // t = 1, input {0, 1}: x = [0.5 + 1, 1] = [1.5, 1]
    //   j0: I = 1.296875 + 0.25, v2 = 0.5*0.25 + 1.546875 = 1.671875: spike, v = 0.671875, psi = 0.328125
    //   j1: I = 0.2421875 - 0.25, v2 = 0.125 - 0.0078125 = 0.1171875, psi = 0.1171875
    // fc2 sees {0}: x2 = [1.5, 0]
    //   k0: v2 = 0.5*0.75 + 0.75 = 1.125: spike, v = 0.125, psi = 0.875
    //   k1: v2 = 0.5*0.5 + 0.625 = 0.875: no spike, psi = 0.875
    // output errors: [0.875, -0.875]
    // hidden sums: [0.75*0.875 + 0.625*-0.875, 0.25*0.875 + -0.25*-0.875] = [0.109375, 0.4375]
    //   deltas: [0.328125*0.109375, 0.1171875*0.4375] = [0.035888671875, 0.05126953125]
    assertEquals(0.035888671875, OtttFloat.hiddenDelta(0.328125, 0.109375));
    // updates (eta 0.25):
    //   fc1[0] = [1.296875 - 0.25*0.035888671875*1.5, 0.25 - 0.25*0.035888671875] = [1.283416748046875, 0.24102783203125]
    //   fc1[1] = [0.2421875 - 0.25*0.05126953125*1.5, -0.25 - 0.25*0.05126953125] = [0.22296142578125, -0.2628173828125]
    //   fc2[0][0] = 0.75 - 0.25*0.875*1.5 = 0.421875; fc2[1][0] = 0.625 + 0.25*0.875*1.5 = 0.953125
    OtttEngine two = new OtttEngine(floatConfig(2));
    two.restore(floatStart());
    SampleOutcome r = two.train(INPUT, LABEL, 0, 0);
    assertArrayEquals(doubles(1.283416748046875, 0.24102783203125, 0.22296142578125, -0.2628173828125,
        0.421875, 0.25, 0.953125, -0.25), two.state());
    // counts [1, 0]: prediction 0, wrong; squared errors: t0 one (k1), t1 two (k0 fired, k1 silent)
    assertEquals(0, r.prediction());
    assertFalse(r.correct());
    assertEquals(3 / 4.0, r.loss());
  }

  private static byte[] intStart(int... shadows) {
    return ints(shadows);
  }

  static byte[] ints(int... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length);
    for (int x : v) {
      b.putInt(x);
    }
    return b.array();
  }

  static byte[] doubles(double... v) {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length);
    for (double x : v) {
      b.putDouble(x);
    }
    return b.array();
  }
}
