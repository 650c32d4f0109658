package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.build.StimulusFile;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The randomized whole-network property: random networks from {@code RandomNetworks} → compile
 * (mapping, images, RTL, manifest) → clocked stream harness → per step, layer, neuron and field
 * identical to {@code IntSimulator.runTraced}, with the decision. {@value #DEFAULT_PER_FAMILY}
 * networks per family × {@link RandomCoreFamily#ALL} families run in Verilator (odd-numbered
 * networks with random stalls on {@code in.valid} and {@code out.ready}); the first network of
 * every family also in Icarus. The same runs check the cycle model ({@code CycleModel}): at full
 * rate every sample's clocks equal the model's exactly, with stalls they are at least the model's. Networks of a family share one simulator build (same structure,
 * same RTL; only the memory images differ). Seeds: {@code -Dspikeforge.seed} (default 1) and
 * {@code -Dspikeforge.networksPerFamily}.
 */
@Tag("sim")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.CONCURRENT)
class RandomCoreNetworksTest {
  static final int DEFAULT_PER_FAMILY = 10;
  private static final Path WORK = Path.of("target", "sim", "RandomCoreNetworksTest");
  private static final int PER_FAMILY = Integer.getInteger("spikeforge.networksPerFamily", DEFAULT_PER_FAMILY);
  private static final long SEED = Long.getLong("spikeforge.seed", 1L);
  private static final int SAMPLES = 4;

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  Stream<RandomCoreFamily> families() {
    return RandomCoreFamily.ALL.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void randomNetworksAreIdenticalToTheGoldenModel(RandomCoreFamily family) {
    Simulator verilator = new VerilatorSimulator(1);
    Simulator icarus = new IcarusSimulator();
    List<String> failures = new ArrayList<>();
    Set<String> rtl = new HashSet<>();
    for (int k = 0; k < PER_FAMILY; k++) {
      NetworkSpec net = family.network(SEED, k);
      Path dir = WORK.resolve(family.name()).resolve("net" + k);
      Compiler.compile(net, new CompileConfig(family.mapping(), "generic", SAMPLES, SEED + k), dir);
      BuildDirectory.Loaded b = BuildDirectory.load(dir);
      rtl.add(b.manifest().path("files").path(BuildDirectory.RTL).asText());
      List<StimulusFile.Sample> stimulus = StimulusFile.read(dir.resolve(BuildDirectory.SMOKE_STIMULUS));
      List<Simulator> sims = k == 0 ? List.of(verilator, icarus) : List.of(verilator);
      int stallSeed = k % 2 == 1 ? 7 * k + 1 : 0;
      CoreVerifier.Options options = new CoreVerifier.Options(sims, WORK.resolve("simcache"), stallSeed, true);
      CoreVerifier.Report r = CoreVerifier.verify(b, stimulus, options);
      if (!r.passed()) {
        failures.add(family.name() + " network " + k + " (seed base " + SEED + ", " + dir + "):\n" + r.describeFailures());
      }
      // the cycle model against the clocks of the same runs: exact at full rate, a lower bound with stalls
      CycleModelCheck.Outcome c = CycleModelCheck.check(b, stimulus, r, stallSeed);
      if (!c.differences().isEmpty()) {
        failures.add(family.name() + " network " + k + " (seed base " + SEED + ", " + dir + "), cycle model:\n  "
            + String.join("\n  ", c.differences()));
      }
      assertEquals(sims.size() * SAMPLES, c.samplesCompared());
    }
    assertTrue(failures.isEmpty(), failures.size() + " failures in " + PER_FAMILY + " networks:\n"
        + String.join("\n", failures));
    assertEquals(1, rtl.size(), "every network of a family must compile to the same RTL");
  }
}
