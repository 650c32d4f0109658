package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.HwGen;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * LifNeuronUnit (hw-gen) against {@code Lif.step} (golden model), bit-exact, in Verilator and in
 * Icarus. At M=8, C=8 every membrane x current x reset mode x leak shift is simulated for several
 * thresholds (1,048,576 vectors each); at M=12, C=6 random vectors show that every width comes from
 * the generator's parameters.
 */
@Tag("sim")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifNeuronUnitTest {
  private static final Path WORK = Path.of("target", "sim", "LifNeuronUnitTest");

  /** The smallest thresholds, middle values and the largest threshold of an 8-bit membrane. */
  private static final long[] THRESHOLDS_M8 = {1, 2, 64, 100, 127};

  private LifBench m8c8;

  @BeforeAll
  void build() {
    if (!SimTools.verilatorAndIcarusInstalled()) {
      return; // each test then reports the missing tool itself (a failure when CI=true)
    }
    m8c8 = LifBench.compile(HwGen.generateLifNeuronUnit(8, 8, WORK.resolve("rtl")), WORK, "m8c8");
  }

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  Stream<Arguments> simulatorsAndThresholds() {
    return LifBench.simulatorsAndThresholds(THRESHOLDS_M8);
  }

  @ParameterizedTest(name = "{0}, threshold {1}")
  @MethodSource("simulatorsAndThresholds")
  void exhaustiveAtEightBits(String simulator, long threshold) {
    LifVectors.Cases cases = m8c8.vectors.exhaustive(threshold);
    assertEquals(2 * 8 * 256 * 256, cases.inputs().length);
    long[][] actual = m8c8.compiled(simulator).run(cases.inputs());
    VectorComparison.assertSame(
        simulator + ": " + m8c8.harness.top(), m8c8.harness, cases.inputs(), cases.expected(), actual);
  }

  @Test
  void randomVectorsAtTwelveBitMembraneAndSixBitCurrent() {
    GeneratedModule m = HwGen.generateLifNeuronUnit(12, 6, WORK.resolve("rtl"));
    VectorHarness h = VectorHarness.of(m);
    assertEquals(12, h.inputs().get(h.inputIndex("state_v")).width());
    assertEquals(6, h.inputs().get(h.inputIndex("in_current")).width());
    LifVectors.Cases cases = new LifVectors(h).random(200_000, 0x5EEDL);
    for (Simulator s : new Simulator[] {new VerilatorSimulator(), new IcarusSimulator()}) {
      long[][] actual = s.run(h, WORK.resolve("m12c6-" + s.name()), cases.inputs());
      VectorComparison.assertSame(s.name() + ": " + h.top(), h, cases.inputs(), cases.expected(), actual);
    }
  }

  /**
   * The comparison is not vacuous: a model with the wrong threshold (65 instead of 64) must be
   * caught, at the first vector where the two models disagree, with every field in the report.
   */
  @Test
  void aWrongModelIsCaughtAtItsFirstDifferingVector() {
    LifVectors.Cases cases = m8c8.vectors.exhaustive(64);
    long[][] wrong = m8c8.vectors.expectedWithThreshold(cases.inputs(), 65);
    long[][] actual = m8c8.verilator.run(cases.inputs());
    Optional<VectorMismatch> m = VectorComparison.firstMismatch("verilator: " + m8c8.harness.top(), m8c8.harness,
        cases.inputs(), wrong, actual);
    assertTrue(m.isPresent(), "a model with threshold 65 must disagree with hardware run at 64");
    int firstDifference = 0;
    while (java.util.Arrays.equals(wrong[firstDifference], cases.expected()[firstDifference])) {
      firstDifference++;
    }
    assertEquals(firstDifference, m.get().index());
    String report = m.get().describe();
    for (String field : new String[] {
        "param_threshold", "param_leak_shift", "param_reset_zero", "state_v ", "in_current",
        "state_v_next", "spike", "expected", "actual", "<-- differs", "= 64 (1000000)"}) {
      assertTrue(report.contains(field), "report lacks '" + field + "':\n" + report);
    }
  }
}
