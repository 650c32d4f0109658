package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.HwGen;
import java.nio.file.Path;
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
 * LifNeuronPipe (hw-gen, the core's pipelined LIF update) against {@code Lif.step} (golden model),
 * bit-exact with its latency, in Verilator and in Icarus: a new vector every clock, each result
 * {@link HwGen#lifNeuronPipeLatency()} clocks later. At M=8, C=8 every membrane x current x reset
 * mode x leak shift for the smallest, a middle and the largest threshold (1,048,576 vectors each);
 * at M=12, C=6 and at M=16, C=9 (the widths of a 4-bit 16-8-4 core) random vectors.
 */
@Tag("sim")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifNeuronPipeTest {
  private static final Path WORK = Path.of("target", "sim", "LifNeuronPipeTest");
  private static final long[] THRESHOLDS_M8 = {1, 64, 127};

  private LifBench m8c8;
  private ClockedVectors clocked;

  @BeforeAll
  void build() {
    if (!SimTools.verilatorAndIcarusInstalled()) {
      return; // each test then reports the missing tool itself (a failure when CI=true)
    }
    m8c8 = LifBench.compile(HwGen.generateLifNeuronPipe(8, 8, WORK.resolve("rtl")), WORK, "m8c8");
    clocked = new ClockedVectors(m8c8.harness, HwGen.lifNeuronPipeLatency());
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
    long[][] actual = clocked.run(m8c8.compiled(simulator), cases.inputs());
    VectorComparison.assertSame(simulator + ": " + m8c8.harness.top(), m8c8.harness, clocked.driven(cases.inputs()),
        cases.expected(), actual);
  }

  @ParameterizedTest(name = "M={0}, C={1}")
  @org.junit.jupiter.params.provider.CsvSource({"12, 6", "16, 9"})
  void randomVectorsAtOtherWidths(int membraneWidth, int currentWidth) {
    GeneratedModule m = HwGen.generateLifNeuronPipe(membraneWidth, currentWidth, WORK.resolve("rtl"));
    VectorHarness h = VectorHarness.of(m);
    assertEquals(membraneWidth, h.inputs().get(h.inputIndex("state_v")).width());
    assertEquals(currentWidth, h.inputs().get(h.inputIndex("in_current")).width());
    ClockedVectors c = new ClockedVectors(h, HwGen.lifNeuronPipeLatency());
    LifVectors.Cases cases = new LifVectors(h).random(100_000, 0x5EEDL + membraneWidth);
    for (Simulator s : new Simulator[] {new VerilatorSimulator(), new IcarusSimulator()}) {
      long[][] actual = c.run(s.compile(h, WORK.resolve("m" + membraneWidth + "c" + currentWidth + "-" + s.name())),
          cases.inputs());
      VectorComparison.assertSame(s.name() + ": " + h.top(), h, c.driven(cases.inputs()), cases.expected(), actual);
    }
  }

  /**
   * The latency is real and the comparison is not vacuous: read one clock early, the results are
   * those of the previous vector and disagree with the golden model.
   */
  @Test
  void oneClockEarlyIsCaught() {
    LifVectors.Cases cases = m8c8.vectors.exhaustive(64);
    ClockedVectors early = new ClockedVectors(m8c8.harness, HwGen.lifNeuronPipeLatency() - 1);
    long[][] rows = clocked.rows(cases.inputs());
    long[][] out = m8c8.verilator.run(rows, clocked.unsettledRows());
    long[][] earlyResults = new long[cases.inputs().length][];
    for (int i = 0; i < earlyResults.length; i++) {
      earlyResults[i] = out[2 * (i + HwGen.lifNeuronPipeLatency() - 2) + 1];
    }
    assertTrue(VectorComparison.firstMismatch("verilator, one clock early", m8c8.harness,
        early.driven(cases.inputs()), cases.expected(), earlyResults).isPresent());
    assertTrue(VectorComparison.firstMismatch("verilator", m8c8.harness, clocked.driven(cases.inputs()),
        cases.expected(), clocked.results(out, cases.inputs().length)).isEmpty());
  }
}
