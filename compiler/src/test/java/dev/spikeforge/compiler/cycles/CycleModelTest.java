package dev.spikeforge.compiler.cycles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.sim.Trace;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The cycle model's formulas on cases traced by hand through the RTL (the proof against Verilator on
 * random networks is testbenches' {@code RandomCoreNetworksTest}).
 */
@Tag("unit")
class CycleModelTest {
  private static NetworkSpec net(int steps, ReadoutSpec readout, int... sizes) {
    return RandomNetworks.generate(new RandomNetworks.Options(sizes, steps, 6, 12, 0, false, false, false, false, readout,
        0.05), 3);
  }

  @Test
  void aSilentSampleCostsClearNeuronPassesAndStepEndsOnly() {
    // 4 inputs, one layer of 3 neurons, 1 lane: G = 3, R = 1. Clear: launch + 3 words + idle = 5.
    // Per step: empty input delivery 5 (launch, end entry offered at 1, taken at 2, idle from 4,
    // transition), neuron pass G + 7 = 10, step end 1.
    NetworkSpec n = net(2, ReadoutSpec.spikeCount(), 4, 3);
    HwCore core = HwMapper.map(n, MappingOptions.lanes(1));
    Trace t = new IntSimulator(n).runTraced(SpikeRaster.of(4, new int[2][0]), "");
    assertEquals(5 + 2 * (5 + 10 + 1), CycleModel.clocks(core, t));
  }

  @Test
  void oneInputSpikeThroughThePackerExtractorAndIssueStage() {
    // launch 0; beat taken 1; entry offered and loaded 2; event valid and taken 3; end entry loaded 3,
    // taken 3 + G; S1, S2 of the last group; idle; transition.
    assertEquals(9, Delivery.fromInput(new int[] {1}, false, 1).clocks);
    assertEquals(11, Delivery.fromInput(new int[] {1}, false, 3).clocks);
    assertArrayEquals(new long[] {1, 3}, Delivery.fromInput(new int[] {1}, false, 3).beats);
    // two words of 2 and 1 spikes, G = 1: beats 1, 2; the second word's beat with the first's fire (3)
    assertArrayEquals(new long[] {1, 2, 3, 6}, Delivery.fromInput(new int[] {2, 1}, false, 1).beats);
    // CHUNK: the entry goes to the issue stage the clock it is offered
    assertEquals(4, Delivery.fromInput(new int[0], true, 2).clocks);
    assertEquals(2 + 2 + 3 + 2, Delivery.fromInput(new int[] {1}, true, 2).clocks);
  }

  /**
   * The closed forms of docs/hardware.md, "Cycle model", for a delivery whose issue stage never waits:
   * always for a spike list, and for the input when no word has more spikes than G.
   */
  @Test
  void issueBoundDeliveriesFollowTheClosedForms() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
    for (int c = 0; c < 20_000; c++) {
      int groups = 1 + rnd.nextInt(9);
      int width = 1 + rnd.nextInt(c % 2 == 0 ? groups : 16);
      int[] bits = rnd.ints(rnd.nextInt(12), 1, width + 1).toArray();
      int n = java.util.Arrays.stream(bits).sum();
      int m = bits.length;
      String what = "G " + groups + ", entries " + java.util.Arrays.toString(bits);
      assertEquals(n == 0 ? 6 : (long) n * groups + 9, Delivery.fromList(bits, false, groups).clocks, what);
      assertEquals(m == 0 ? 5 : (long) m * groups + 8, Delivery.fromList(bits, true, groups).clocks, what);
      if (width <= groups) {
        assertEquals(n == 0 ? 5 : (long) n * groups + bits[0] + 7, Delivery.fromInput(bits, false, groups).clocks, what);
        assertEquals(m == 0 ? 4 : (long) m * groups + bits[0] + 6, Delivery.fromInput(bits, true, groups).clocks, what);
      }
    }
  }

  @Test
  void listEntriesAreWordsOfAscendingIndices() {
    assertArrayEquals(new int[] {2, 1, 3}, CycleModel.entries(new int[] {0, 3, 4, 9, 10, 11}, 4));
    assertArrayEquals(new int[0], CycleModel.entries(new int[0], 8));
    assertArrayEquals(new int[] {1, 1}, CycleModel.entries(new int[] {5, 6}, 1));
  }

  @Test
  void samplesStreamBackToBack() {
    NetworkSpec n = net(6, ReadoutSpec.spikeCount(), 16, 8, 4);
    HwCore core = HwMapper.map(n, MappingOptions.lanes(2));
    IntSimulator sim = new IntSimulator(n);
    List<Trace> traces = new ArrayList<>();
    List<SpikeRaster> inputs = new ArrayList<>();
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
    for (int k = 0; k < 5; k++) {
      int[][] steps = new int[6][];
      for (int s = 0; s < 6; s++) {
        steps[s] = rnd.ints(0, 16).distinct().limit(rnd.nextInt(8)).sorted().toArray();
      }
      SpikeRaster r = SpikeRaster.of(16, steps);
      inputs.add(r);
      traces.add(sim.runTraced(r, ""));
    }
    List<SampleClocks> line = CycleModel.timeline(core, traces, inputs, 0);
    assertEquals(0, line.get(0).firstBeat());
    assertEquals(0, line.get(0).clear());
    for (int k = 0; k < line.size(); k++) {
      SampleClocks s = line.get(k);
      assertEquals(CycleModel.clocks(core, traces.get(k)), s.latency(), "a sample's latency does not depend on the stream");
      assertEquals(s.out() + 1, s.next(), "no early exit: the next clear follows the output beat");
      if (k > 0) {
        assertEquals(line.get(k - 1).next(), s.clear());
        assertTrue(s.firstBeat() < line.get(k - 1).out(), "the next sample's first beats wait in the input queue");
      }
    }
    CycleSummary sum = CycleModel.summarize(core, traces, inputs);
    assertEquals(line.stream().mapToLong(SampleClocks::latency).min().getAsLong(), sum.minLatency());
    assertEquals(line.stream().mapToLong(SampleClocks::latency).max().getAsLong(), sum.maxLatency());
    assertEquals(line.get(4).next() / 5.0, sum.meanPeriod(), 1e-9);
    assertEquals(line.get(4).next(), sum.totalClocks());
  }

  @Test
  void anEarlyExitDiscardsTheRestOfTheSampleOneBeatPerClock() {
    int[][] steps = new int[8][];
    for (int s = 0; s < 8; s++) {
      steps[s] = new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    }
    SpikeRaster r = SpikeRaster.of(12, steps);
    NetworkSpec n = null;
    Trace found = null;
    for (long seed = 1; seed < 200 && found == null; seed++) {
      n = RandomNetworks.generate(new RandomNetworks.Options(new int[] {12, 6, 3}, 8, 6, 12, 0, false, false, false, false,
          ReadoutSpec.firstToFire(1), 0.05), seed);
      Trace t = new IntSimulator(n).runTraced(r, "");
      found = t.result().earlyExit() ? t : null;
    }
    assertTrue(found != null, "no random network decided early on the dense input");
    Trace t = found;
    HwCore core = HwMapper.map(n, MappingOptions.lanes(3));
    int decided = t.steps().size();
    SampleClocks s = CycleModel.timeline(core, List.of(t), List.of(r), 0).get(0);
    assertEquals((8 - decided) * 13L, s.discardedBeats());
    assertEquals(s.out() + 1 + s.discardedBeats(), s.next());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CycleModel.timeline(core, List.of(t), java.util.Arrays.asList((SpikeRaster) null), 0));
    assertTrue(e.getMessage().contains("decided early"), e.getMessage());
  }

  @Test
  void aTraceOfAnotherNetworkIsRefused() {
    NetworkSpec a = net(2, ReadoutSpec.spikeCount(), 4, 3);
    NetworkSpec b = net(2, ReadoutSpec.spikeCount(), 5, 3);
    Trace t = new IntSimulator(b).runTraced(SpikeRaster.of(5, new int[2][0]), "");
    HwCore core = HwMapper.map(a, MappingOptions.lanes(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CycleModel.clocks(core, t));
    assertTrue(e.getMessage().contains("does not fit the core"), e.getMessage());
  }
}
