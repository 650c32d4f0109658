package dev.spikeforge.compiler.binarize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.quantize.QuantizationConfig;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class BinarizationPlannerTest {
  @Test
  void binarizeHandExample() {
    FloatLayer l = new FloatLayer("h", LayerKind.DENSE, 2, 2, 1.0, 1.0, dev.spikeforge.golden.spec.ResetMode.ZERO,
        new double[][] {{0.5, -1.5}, {0.0, 2.0}}, 0, null, null, null, null);
    assertEquals(1.0, Binarize.alpha(l), 1e-12);
    FloatLayer b = Binarize.layer(l);
    assertEquals(LayerKind.BINARIZED, b.kind());
    assertEquals(1.0, b.weights()[1][0], 0); // sign(0) = +1
    assertEquals(-1.0, b.weights()[0][1], 0);
    // ‖W − αsignW‖² = 0.25 + 0.25 + 1 + 1 = 2.5; ‖W‖² = 0.25 + 2.25 + 0 + 4 = 6.5
    assertEquals(2.5 / 6.5, Binarize.approximationError(l), 1e-12);
  }

  /** θ_b = round_half_up(θ·n/S): θ = 16, |w| = 3, 1, 2, 0 → S = 6, n = 4: 16·4/6 = 10.67 → 11. */
  @Test
  void integerBinarizationHandExample() {
    var neuron = new dev.spikeforge.golden.spec.NeuronSpec(16, 16, 2, dev.spikeforge.golden.spec.ResetMode.SUBTRACT);
    var l = new dev.spikeforge.golden.spec.LayerSpec("h", LayerKind.DENSE, 2, 2, 4, neuron,
        new int[][] {{3, -1}, {0, -2}}, 0, null, null, null, null);
    var b = Binarize.intLayer(l);
    assertEquals(LayerKind.BINARIZED, b.kind());
    assertEquals(1, b.weightWidth());
    assertEquals(11, b.neuron().threshold());
    assertEquals(java.util.List.of(1, -1, 1, -1), java.util.List.of(b.weights()[0][0], b.weights()[0][1],
        b.weights()[1][0], b.weights()[1][1]));
  }

  /**
   * The integer planner's binarized layer is exactly what the integer trainer fine-tunes from when it
   * starts from that integer network ({@code --init model.json}: shadows {@code w << E}).
   */
  @Test
  void integerBinarizationIsTheTrainersStartingPoint() {
    int[] sizes = {24, 40, 12, 4};
    var p = dev.spikeforge.golden.learning.DesireParams.fashionMnist();
    var ip = dev.spikeforge.golden.learning.DesireIntParams.defaults(sizes, 6);
    var cfg = dev.spikeforge.golden.train.DesireConfig.intForm(sizes, p, ip, 5);
    NetworkSpec dense;
    try (var e = cfg.engine(1)) {
      dense = e.intNetwork();
    }
    double[][][] w = new double[3][][];
    for (int l = 0; l < 3; l++) {
      var ls = dense.layers().get(l);
      w[l] = new double[ls.size()][ls.inputSize()];
      for (int j = 0; j < ls.size(); j++) {
        for (int i = 0; i < ls.inputSize(); i++) {
          w[l][j][i] = ls.weights()[j][i] / (double) ls.neuron().threshold();
        }
      }
    }
    cfg = cfg.withInit(new dev.spikeforge.golden.train.DesireInit("model.json", w));
    for (int[] layers : new int[][] {{0}, {1}, {0, 2}}) {
      Set<String> names = new java.util.HashSet<>();
      for (int l : layers) {
        names.add("fc" + (l + 1));
      }
      try (var e = cfg.withBinarized(layers).engine(1)) {
        assertEquals(dev.spikeforge.golden.io.NetworkJson.contentHash(e.intNetwork()),
            dev.spikeforge.golden.io.NetworkJson.contentHash(Binarize.intNetwork(dense, names)), names.toString());
      }
    }
  }

  @Test
  void integerPlannerMeetsTheBudget() {
    NetworkSpec teacher = RandomNetworks.generate(RandomNetworks.Options.dense(24, 32, 4), 7);
    Dataset val = labelledByTeacher(teacher, 150, 1);
    BinarizationPlan plan = BinarizationPlanner.plan(teacher, Set.of("l0", "l1"), val, new RateEncoder(),
        BinarizationPlanner.Constraint.budget(0.5), 2);
    assertTrue(plan.plannedBits() <= 0.5 * plan.baselineBits(), plan.toTable());
    assertTrue(plan.binarized().contains("l0"), plan.toTable());
    assertThrows(IllegalArgumentException.class, () -> BinarizationPlanner.plan(teacher, Set.of("nope"), val,
        new RateEncoder(), BinarizationPlanner.Constraint.budget(0.5), 1));
  }

  private static Dataset labelledByTeacher(NetworkSpec teacher, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[][] x = new byte[n][teacher.inputSize()];
    int[] y = new int[n];
    var sim = new dev.spikeforge.golden.sim.IntSimulator(teacher);
    for (int s = 0; s < n; s++) {
      r.nextBytes(x[s]);
      y[s] = sim.run(new RateEncoder().encode(x[s], teacher.timesteps(), s)).prediction();
    }
    return Dataset.ofIntensities("teacher", new int[] {teacher.inputSize()}, teacher.outputSize(), x, y);
  }

  @Test
  void budgetIsMetAndToleranceIsRespected() {
    NetworkSpec teacher = RandomNetworks.generate(RandomNetworks.Options.dense(24, 32, 4), 7);
    FloatNetwork net = FloatNetwork.of(teacher);
    Dataset val = labelledByTeacher(teacher, 150, 1);
    QuantizationConfig qc = QuantizationConfig.of(8);
    BinarizationPlan budget = BinarizationPlanner.plan(net, Set.of("l0", "l1"), val, new RateEncoder(), qc,
        BinarizationPlanner.Constraint.budget(0.5), 2);
    assertTrue(budget.plannedBits() <= 0.5 * budget.baselineBits(), budget.toTable());
    assertTrue(budget.binarized().contains("l0"), budget.toTable()); // the large layer must go to meet 50 %
    assertEquals(2, budget.scores().size());

    BinarizationPlan strict = BinarizationPlanner.plan(net, Set.of("l0", "l1"), val, new RateEncoder(), qc,
        BinarizationPlanner.Constraint.tolerance(0.0), 2);
    assertTrue(strict.accuracyLossPoints() <= 1e-9, strict.toTable());
    BinarizationPlan loose = BinarizationPlanner.plan(net, Set.of("l0", "l1"), val, new RateEncoder(), qc,
        BinarizationPlanner.Constraint.tolerance(100.0), 2);
    assertEquals(Set.of("l0", "l1"), Set.copyOf(loose.binarized()));
    assertTrue(loose.savedFraction() > 0.8, loose.toTable());
  }

  @Test
  void badConstraintsAndNamesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new BinarizationPlanner.Constraint(null, null));
    assertThrows(IllegalArgumentException.class, () -> BinarizationPlanner.Constraint.budget(1.5));
    NetworkSpec teacher = RandomNetworks.generate(RandomNetworks.Options.dense(4, 3), 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BinarizationPlanner.plan(
        FloatNetwork.of(teacher), Set.of("nope"), labelledByTeacher(teacher, 5, 1), new RateEncoder(),
        QuantizationConfig.of(8), BinarizationPlanner.Constraint.budget(0.5), 1));
    assertTrue(e.getMessage().contains("nope"));
  }
}
