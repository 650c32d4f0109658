package dev.spikeforge.golden.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.sim.Trace;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class TraceFileTest {
  @Test
  void roundTripsEveryField(@TempDir Path dir) throws Exception {
    for (int width : new int[] {5, 8, 13, 32}) {
      NetworkSpec net = RandomNetworks.generate(new RandomNetworks.Options(new int[] {11, 9, 4}, 12, 6, width, 3,
          true, false, true, false, ReadoutSpec.firstToFire(2), 0.1), width);
      IntSimulator sim = new IntSimulator(net);
      List<TraceFile.Sample> samples = new ArrayList<>();
      SplittableRandom r = new SplittableRandom(width);
      for (int k = 0; k < 3; k++) {
        boolean[][] d = new boolean[12][11];
        for (boolean[] row : d) {
          for (int i = 0; i < row.length; i++) {
            row[i] = r.nextInt(3) == 0;
          }
        }
        samples.add(new TraceFile.Sample(k, sim.runTraced(SpikeRaster.ofDense(d), NetworkJson.contentHash(net))));
      }
      Path f = dir.resolve("t" + width + ".sftrace");
      TraceFile.write(f, samples);
      List<TraceFile.Sample> back = TraceFile.read(f);
      assertEquals(3, back.size());
      for (int k = 0; k < 3; k++) {
        Trace a = samples.get(k).trace();
        Trace b = back.get(k).trace();
        assertEquals(a.networkHash(), b.networkHash());
        assertEquals(a.steps().size(), b.steps().size());
        for (int t = 0; t < a.steps().size(); t++) {
          assertArrayEquals(a.steps().get(t).inputSpikes(), b.steps().get(t).inputSpikes());
          for (int l = 0; l < 2; l++) {
            assertArrayEquals(a.steps().get(t).spikes()[l], b.steps().get(t).spikes()[l]);
            assertArrayEquals(a.steps().get(t).membranes()[l], b.steps().get(t).membranes()[l], "width " + width);
          }
        }
        assertEquals(a.result().prediction(), b.result().prediction());
        assertEquals(a.result().decisionStep(), b.result().decisionStep());
        assertArrayEquals(a.result().outputCounts(), b.result().outputCounts());
        assertEquals(a.result().synapticOps(), b.result().synapticOps());
      }
    }
  }

  @Test
  void corruptFilesAreRejected(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.sftrace");
    Files.write(bad, "NOTATRACE".getBytes());
    assertThrows(ModelFormatException.class, () -> TraceFile.read(bad));
    Path trunc = dir.resolve("trunc.sftrace");
    Files.write(trunc, new byte[] {'S', 'F', 'T', 'R'});
    assertThrows(ModelFormatException.class, () -> TraceFile.read(trunc));
  }
}
