package dev.spikeforge.compiler.quantize;

import static dev.spikeforge.compiler.quantize.TestNets.binarized;
import static dev.spikeforge.compiler.quantize.TestNets.dense;
import static dev.spikeforge.compiler.quantize.TestNets.network;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.numerics.Rounding;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ResetMode;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Hand-computed examples on a 2x3 layer (2 neurons, 3 inputs). */
@Tag("unit")
class QuantizerExamplesTest {
  /** max |w| = 1. */
  static final double[][] W = {{0.5, -0.25, 0.125}, {-1.0, 0.3125, 0.75}};

  @Test
  void maxAbsScaleRoundsHalfEven() {
    // s = (2^3 - 1) / 1 = 7; s*W = {{3.5, -1.75, 0.875}, {-7, 2.1875, 5.25}}; 3.5 is a tie -> 4 (even).
    FloatNetwork net = network(dense("hidden", W, 1.0, 0.9));
    QuantizationConfig cfg = QuantizationConfig.of(4);
    NetworkSpec q = Quantizer.quantize(net, cfg);
    LayerSpec l = q.layers().get(0);
    assertArrayEquals(new int[][] {{4, -2, 1}, {-7, 2, 5}}, l.weights());
    assertEquals(4, l.weightWidth());
    assertEquals(7, l.neuron().threshold());
    // lambda = 0.9: 1 - 2^-3 = 0.875 (error 0.025) beats 1 - 2^-4 = 0.9375 (error 0.0375).
    assertEquals(3, l.neuron().leakShift());
    // auto: theta + max row sum = 7 + (7 + 2 + 5) = 21 -> [-21, 21] needs 6 signed bits.
    assertEquals(6, l.neuron().membraneWidth());
    assertEquals(ResetMode.SUBTRACT, l.neuron().reset());

    LayerQuantization r = QuantizationReport.analyze(net, q, cfg).layers().get(0);
    assertEquals(7.0, r.scale());
    assertEquals(OptionalInt.empty(), r.scaleExponent());
    assertEquals("s4.0", r.weightFormat().shortName());
    assertEquals(Rounding.HALF_EVEN, r.weightFormat().rounding());
    assertEquals(1.0 / 14, r.weightMaxAbsError(), 1e-15); // the tie: 0.5 - 4/7
    // errors: -1/14, 1/28, -1/56, 0, 3/112, 1/28 -> sum of squares 109/12544; sum w^2 = 1.98828125
    assertEquals(Math.sqrt(109.0 / 12544 / 1.98828125), r.weightRelRmsError(), 1e-15);
    assertEquals(0, r.clippedWeights());
    assertEquals(1.0, r.threshold());
    assertEquals(7, r.thresholdInt());
    assertEquals(0.0, r.thresholdRelError(), 1e-15);
    assertEquals(0.875 - 0.9, r.leakError(), 1e-15);
    assertEquals(0.875, r.quantizedLeak());
    assertTrue(r.membraneAuto());
    assertEquals(6, r.autoMembraneWidth());
    assertEquals(14, r.maxRowInput());
    assertEquals(6, r.weightCount());
    assertEquals(24, r.weightBits());
  }

  @Test
  void powerOfTwoScaleHalfEvenAndHalfUpDifferOnTies() {
    // MAX_ABS scale 7 -> power of two 4; 4*W = {{2, -1, 0.5}, {-4, 1.25, 3}}.
    FloatNetwork net = network(dense("hidden", W, 1.0, 1.0));
    QuantizationConfig cfg = QuantizationConfig.of(4).withScaleStrategy(ScaleStrategy.powerOfTwo());
    LayerSpec even = Quantizer.quantize(net, cfg).layers().get(0);
    LayerSpec up = Quantizer.quantize(net, cfg.withWeightRounding(Rounding.HALF_UP)).layers().get(0);
    assertArrayEquals(new int[][] {{2, -1, 0}, {-4, 1, 3}}, even.weights());
    assertArrayEquals(new int[][] {{2, -1, 1}, {-4, 1, 3}}, up.weights());
    assertEquals(4, even.neuron().threshold());
    assertEquals(0, even.neuron().leakShift());
    LayerQuantization r = QuantizationReport.analyze(net, Quantizer.quantize(net, cfg), cfg).layers().get(0);
    assertEquals(4.0, r.scale());
    assertEquals(OptionalInt.of(2), r.scaleExponent());
    assertEquals(0.125, r.weightMaxAbsError()); // 0.125 - 0/4
    assertEquals(0.0, r.leakError());
  }

  @Test
  void fixedMembraneWidthW8m16() {
    // s = 127; 127*W = {{63.5, -31.75, 15.875}, {-127, 39.6875, 95.25}}.
    FloatNetwork net = network(dense("hidden", W, 1.0, 0.95));
    QuantizationConfig cfg = QuantizationConfig.w8m16();
    LayerSpec l = Quantizer.quantize(net, cfg).layers().get(0);
    assertArrayEquals(new int[][] {{64, -32, 16}, {-127, 40, 95}}, l.weights());
    assertEquals(127, l.neuron().threshold());
    assertEquals(16, l.neuron().membraneWidth());
    assertEquals(4, l.neuron().leakShift()); // 0.9375 (err 0.0125) vs 0.96875 (err 0.01875)
    LayerQuantization r = QuantizationReport.analyze(net, Quantizer.quantize(net, cfg), cfg).layers().get(0);
    assertFalse(r.membraneAuto());
    // auto would be: 127 + (127 + 40 + 95) = 389 -> 10 bits
    assertEquals(10, r.autoMembraneWidth());
    assertEquals(0.9375 - 0.95, r.leakError(), 1e-15);
    assertEquals(48, r.weightBits());
  }

  @Test
  void percentileScaleClipsTheOutlier() {
    // non-zero |w| sorted: 0.1 0.2 0.3 0.4 0.5 4.0; 80th percentile, nearest rank ceil(4.8) = 5 -> 0.5
    // s = 7 / 0.5 = 14; s*w = 1.4 2.8 4.2 / -5.6 7 56 -> 1 3 4 / -6 7 7 (56 saturates)
    double[][] w = {{0.1, 0.2, 0.3}, {-0.4, 0.5, 4.0}};
    FloatNetwork net = network(dense("hidden", w, 1.0, 1.0));
    QuantizationConfig cfg = QuantizationConfig.of(4).withScaleStrategy(ScaleStrategy.percentile(80));
    NetworkSpec q = Quantizer.quantize(net, cfg);
    assertArrayEquals(new int[][] {{1, 3, 4}, {-6, 7, 7}}, q.layers().get(0).weights());
    assertEquals(14, q.layers().get(0).neuron().threshold());
    LayerQuantization r = QuantizationReport.analyze(net, q, cfg).layers().get(0);
    assertEquals(14.0, r.scale());
    assertEquals(1, r.clippedWeights());
    assertEquals(4.0 - 0.5, r.weightMaxAbsError(), 1e-15);
    // MAX_ABS never clips
    QuantizationConfig max = QuantizationConfig.of(4);
    assertEquals(0, QuantizationReport.analyze(net, Quantizer.quantize(net, max), max).layers().get(0).clippedWeights());
  }

  @Test
  void binarizedLayerFoldsMeanAlphaIntoThreshold() {
    // alpha = mean |w| = 3.0 / 6 = 0.5; theta/alpha = 2.6 -> 3; weights -> sign
    double[][] w = {{0.5, -0.5, 0.5}, {-0.5, 0.25, -0.75}};
    FloatNetwork net = network(binarized("bin", w, 1.3, 1.0));
    QuantizationConfig cfg = QuantizationConfig.w4m16();
    NetworkSpec q = Quantizer.quantize(net, cfg);
    LayerSpec l = q.layers().get(0);
    assertEquals(LayerKind.BINARIZED, l.kind());
    assertEquals(1, l.weightWidth());
    assertArrayEquals(new int[][] {{1, -1, 1}, {-1, 1, -1}}, l.weights());
    assertEquals(3, l.neuron().threshold());
    LayerQuantization r = QuantizationReport.analyze(net, q, cfg).layers().get(0);
    assertEquals(2.0, r.scale());
    assertEquals("u1.0", r.weightFormat().shortName());
    assertEquals(0.25, r.weightMaxAbsError());
    assertEquals(0, r.clippedWeights());
    assertEquals(6, r.weightBits());
    assertEquals((3 / 2.0 - 1.3) / 1.3, r.thresholdRelError(), 1e-15);
  }

  @Test
  void binarizedLayerWithGivenAlpha() {
    double[][] w = {{0.5, -0.5, 0.0}, {-0.5, 0.25, -0.75}};
    FloatNetwork net = network(binarized("bin", w, 1.3, 1.0));
    NetworkSpec q = Quantizer.quantize(net, QuantizationConfig.w8m16().withBinarizedAlpha("bin", 0.25));
    assertEquals(5, q.layers().get(0).neuron().threshold()); // 1.3 / 0.25 = 5.2 -> 5
    assertEquals(1, q.layers().get(0).weight(0, 2)); // sign(0) = +1
  }

  @Test
  void eachLayerHasItsOwnScale() {
    double[][] w2 = {{8.0, -16.0}, {4.0, 32.0}}; // max 32
    FloatNetwork net = network(dense("a", W, 1.0, 1.0), dense("b", w2, 24.0, 1.0));
    QuantizationConfig cfg = QuantizationConfig.of(4).withWeightWidth("b", 8);
    NetworkSpec q = Quantizer.quantize(net, cfg);
    // b: s = 127/32 = 3.96875; 31.75 -> 32, -63.5 -> -64 (tie to even), 15.875 -> 16, 127; theta 95.25 -> 95
    assertArrayEquals(new int[][] {{32, -64}, {16, 127}}, q.layers().get(1).weights());
    assertEquals(95, q.layers().get(1).neuron().threshold());
    QuantizationReport rep = QuantizationReport.analyze(net, q, cfg);
    assertEquals(7.0, rep.layers().get(0).scale());
    assertEquals(3.96875, rep.layers().get(1).scale());
    assertEquals(6 * 4 + 4 * 8, rep.totalWeightBits());
    assertEquals(q.weightBits(), rep.totalWeightBits());
    String table = rep.toTable();
    assertTrue(table.contains("a ") && table.contains("b ") && table.contains("56 weight bits"), table);
  }

  @Test
  void thresholdBelowOneStepBecomesOne() {
    FloatNetwork net = network(dense("hidden", W, 0.01, 1.0)); // 0.07 -> 0 -> raised to 1
    QuantizationConfig cfg = QuantizationConfig.of(4);
    NetworkSpec q = Quantizer.quantize(net, cfg);
    assertEquals(1, q.layers().get(0).neuron().threshold());
    assertEquals((1 / 7.0 - 0.01) / 0.01, QuantizationReport.analyze(net, q, cfg).layers().get(0).thresholdRelError(),
        1e-12);
  }

  @Test
  void recurrentWeightsShareTheScaleAndDelaysResetAndReadoutAreCopied() {
    double[][] rec = {{0.0, 2.0}, {-0.5, 0.0}}; // the largest weight is recurrent: s = 7/2
    int[] axonal = {0, 1, 2};
    int[][] synaptic = {{3, 0, 1}, {0, 2, 0}};
    int[][] recDelays = {{1, 3}, {2, 1}};
    FloatLayer layer = new FloatLayer("rec", LayerKind.DENSE, 3, 2, 1.0, 0.75, ResetMode.ZERO, W, 3, axonal,
        synaptic, rec, recDelays);
    FloatNetwork net = new FloatNetwork("net", 3, 12, java.util.List.of(layer),
        dev.spikeforge.golden.spec.ReadoutSpec.firstToFire(2));
    NetworkSpec q = Quantizer.quantize(net, QuantizationConfig.of(4));
    LayerSpec l = q.layers().get(0);
    // 3.5*W = {{1.75, -0.875, 0.4375}, {-3.5, 1.09375, 2.625}} -> {{2, -1, 0}, {-4, 1, 3}}
    assertArrayEquals(new int[][] {{2, -1, 0}, {-4, 1, 3}}, l.weights());
    assertArrayEquals(new int[][] {{0, 7}, {-2, 0}}, l.recurrentWeights());
    assertEquals(4, l.neuron().threshold()); // 3.5 -> 4 (tie to even)
    assertEquals(2, l.neuron().leakShift());
    assertEquals(ResetMode.ZERO, l.neuron().reset());
    assertEquals(3, l.maxDelay());
    assertArrayEquals(axonal, l.axonalDelays());
    assertArrayEquals(synaptic, l.synapticDelays());
    assertArrayEquals(recDelays, l.recurrentDelays());
    assertEquals(12, q.timesteps());
    assertEquals(net.readout(), q.readout());
    assertEquals("net", q.name());
    // the float model is not modified
    assertEquals(0.5, W[0][0]);
    assertEquals(2.0, rec[0][1]);
  }

  @Test
  void sameInputsGiveIdenticalBytes() {
    FloatNetwork net = network(dense("a", W, 1.0, 0.9), binarized("b", new double[][] {{0.3, -0.2}}, 0.7, 0.5));
    FloatNetwork copy = network(dense("a", TestNets.scalb(W, 0), 1.0, 0.9),
        binarized("b", new double[][] {{0.3, -0.2}}, 0.7, 0.5));
    QuantizationConfig cfg = QuantizationConfig.w8m16();
    String first = NetworkJson.write(Quantizer.quantize(net, cfg));
    assertEquals(first, NetworkJson.write(Quantizer.quantize(net, cfg)));
    assertEquals(first, NetworkJson.write(Quantizer.quantize(copy, cfg)));
    assertNotEquals(first, NetworkJson.write(Quantizer.quantize(net, QuantizationConfig.w4m16())));
  }

  @Test
  void analyzeRefusesANetworkThatDoesNotMatch() {
    FloatNetwork a = network(dense("a", W, 1.0, 1.0));
    FloatNetwork b = network(dense("b", W, 1.0, 1.0));
    NetworkSpec qb = Quantizer.quantize(b, QuantizationConfig.of(4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> QuantizationReport.analyze(a, qb, QuantizationConfig.of(4)));
    assertTrue(e.getMessage().contains("layers[0]") && e.getMessage().contains("'a'"), e.getMessage());
  }
}
