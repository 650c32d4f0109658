package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.build.StimulusFile;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.Trace;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwMemory;
import dev.spikeforge.golden.spec.hw.MemoryKind;
import dev.spikeforge.golden.spec.hw.MemoryRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Weight memories in SPRAM and the load port, against the golden model in Verilator and Icarus:
 * random networks compiled with every weight memory forced to SPRAM ({@code SB_SPRAM256KA} cells,
 * simulated with hw-gen's model; no initial contents) are loaded through the load port, then run
 * bit-exact; and a block-RAM core runs another network of its structure after that network's
 * images are written through the load port (reloading weights without a new bitstream). The runs
 * also check the cycle model ({@code CycleModel}) with the load burst before the first sample.
 */
@Tag("sim")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpramCoreNetworksTest {
  private static final Path WORK = Path.of("target", "sim", "SpramCoreNetworksTest");
  private static final long SEED = Long.getLong("spikeforge.seed", 1L);
  private static final int NETWORKS = 3;

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  Stream<RandomCoreFamily> families() {
    return RandomCoreFamily.ALL.stream().filter(f -> List.of("d-p4-sc-w4m10", "d-p2-ftf1", "rec-p2-sc", "ax4-p1-sc")
        .contains(f.name()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void spramNetworksLoadThenRunBitExact(RandomCoreFamily family) {
    Simulator verilator = new VerilatorSimulator(1);
    Simulator icarus = new IcarusSimulator();
    List<String> failures = new ArrayList<>();
    for (int k = 0; k < NETWORKS; k++) {
      NetworkSpec net = family.network(SEED, k);
      Path dir = WORK.resolve(family.name()).resolve("net" + k);
      MappingOptions m = MappingOptions.lanes(family.lanes()).withWeightMemory(MappingOptions.WeightMemory.SPRAM);
      Compiler.compile(net, new CompileConfig(m, "generic", 4, SEED + k), dir);
      BuildDirectory.Loaded b = BuildDirectory.load(dir);
      HwCore core = b.core();
      for (HwMemory mem : core.memories()) {
        boolean weights = mem.role() == MemoryRole.FEEDFORWARD || mem.role() == MemoryRole.RECURRENT;
        assertEquals(weights ? MemoryKind.SPRAM : MemoryKind.BLOCK_RAM, mem.kind(), mem.file());
      }
      assertTrue(b.manifest().path("memories").get(1).path("kind").asText().equals("SPRAM"));
      List<StimulusFile.Sample> stimulus = StimulusFile.read(dir.resolve(BuildDirectory.SMOKE_STIMULUS));
      List<Simulator> sims = k == 0 ? List.of(verilator, icarus) : List.of(verilator);
      int stallSeed = k % 2 == 1 ? 5 * k + 3 : 0;
      CoreVerifier.Options options = new CoreVerifier.Options(sims, WORK.resolve("simcache"), stallSeed, false);
      CoreVerifier.Report r = CoreVerifier.verify(b, stimulus, options);
      if (!r.passed()) {
        failures.add(family.name() + " network " + k + " (" + dir + "):\n" + r.describeFailures());
      }
      // the cycle model with the load burst before the first sample: exact at full rate, else a lower bound
      CycleModelCheck.Outcome c = CycleModelCheck.check(b, stimulus, r, stallSeed);
      if (!c.differences().isEmpty()) {
        failures.add(family.name() + " network " + k + " (" + dir + "), cycle model:\n  "
            + String.join("\n  ", c.differences()));
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /**
   * Without the load the SPRAM core does not compute the network: the harness really depends on
   * the load port (SPRAM has no initial contents; Verilator starts it random).
   */
  @Test
  void spramCoreWithoutLoadDiffers() throws Exception {
    RandomCoreFamily family = families().filter(f -> f.name().equals("d-p4-sc-w4m10")).findFirst().orElseThrow();
    NetworkSpec net = family.network(SEED, 0);
    Path dir = WORK.resolve("noload");
    MappingOptions m = MappingOptions.lanes(family.lanes()).withWeightMemory(MappingOptions.WeightMemory.SPRAM);
    Compiler.compile(net, new CompileConfig(m, "generic", 4, SEED), dir);
    BuildDirectory.Loaded b = BuildDirectory.load(dir);
    List<StimulusFile.Sample> stimulus = StimulusFile.read(dir.resolve(BuildDirectory.SMOKE_STIMULUS));
    Simulator verilator = new VerilatorSimulator(1);
    CompiledStream cs = verilator.compileStream(new StreamHarness(dir.resolve(BuildDirectory.RTL), b.core()),
        WORK.resolve("simcache").resolve("noload"));
    boolean differs = runAndCompare(cs, b, b, stimulus, null).isPresent();
    Path loads = Files.createDirectories(WORK.resolve("noload-run")).resolve("loads.txt");
    LoadBeats.write(loads, dir, b.core(), LoadBeats.select(b.core(), LoadBeats.SPRAM));
    Optional<CoreMismatch> loaded = runAndCompare(cs, b, b, stimulus, loads);
    assertTrue(loaded.isEmpty(), () -> loaded.get().describe());
    assertTrue(differs, "the SPRAM core matched the golden model without its weights loaded");
  }

  /**
   * A core with the load port (weights in SPRAM; parameters and axonal delays in block RAM, images
   * of network A in $readmemh) runs network B of the same structure bit-exactly after all of B's
   * images (weights, parameters, axonal delays) are written through the load port, in Verilator and
   * Icarus. (An all-block-RAM core has no load port: HwGen.hasLoadPort.)
   */
  @Test
  void coreReloadedWithAnotherNetwork() throws Exception {
    RandomCoreFamily family = RandomCoreFamily.ALL.stream().filter(f -> f.name().equals("ax4-p1-sc")).findFirst()
        .orElseThrow();
    Path dirA = WORK.resolve("reload").resolve("a");
    Path dirB = WORK.resolve("reload").resolve("b");
    MappingOptions m = MappingOptions.lanes(family.lanes()).withWeightMemory(MappingOptions.WeightMemory.SPRAM);
    Compiler.compile(family.network(SEED, 0), new CompileConfig(m, "generic", 4, SEED), dirA);
    Compiler.compile(family.network(SEED, 1), new CompileConfig(m, "generic", 4, SEED + 1), dirB);
    BuildDirectory.Loaded a = BuildDirectory.load(dirA);
    BuildDirectory.Loaded bb = BuildDirectory.load(dirB);
    assertEquals(a.manifest().path("files").path(BuildDirectory.RTL), bb.manifest().path("files").path(BuildDirectory.RTL));
    assertTrue(a.core().memories().stream().anyMatch(x -> x.kind() == MemoryKind.BLOCK_RAM && x.role() != MemoryRole.PARAMS),
        "the reload must also rewrite a block-RAM memory besides the parameters");
    List<StimulusFile.Sample> stimulus = StimulusFile.read(dirB.resolve(BuildDirectory.SMOKE_STIMULUS));
    Path loads = Files.createDirectories(WORK.resolve("reload").resolve("run")).resolve("loads.txt");
    LoadBeats.write(loads, dirB, bb.core(), bb.core().memories());
    Path loadsA = loads.resolveSibling("loads-a.txt"); // A's SPRAM weights: the core then computes network A
    LoadBeats.write(loadsA, dirA, a.core(), LoadBeats.select(a.core(), LoadBeats.SPRAM));
    for (Simulator sim : List.of(new VerilatorSimulator(1), new IcarusSimulator())) {
      CompiledStream cs = sim.compileStream(new StreamHarness(dirA.resolve(BuildDirectory.RTL), a.core()),
          WORK.resolve("simcache").resolve("reload-" + sim.name()));
      assertTrue(runAndCompare(cs, a, bb, stimulus, loadsA).isPresent(),
          sim.name() + ": networks A and B must differ on B's stimulus for this test to mean anything");
      Optional<CoreMismatch> r = runAndCompare(cs, a, bb, stimulus, loads);
      assertTrue(r.isEmpty(), () -> r.get().describe());
    }
  }

  /** Runs the stimulus in {@code rtl}'s build directory and compares with the golden model of {@code golden}. */
  private static Optional<CoreMismatch> runAndCompare(CompiledStream cs, BuildDirectory.Loaded rtl,
      BuildDirectory.Loaded golden, List<StimulusFile.Sample> stimulus, Path loads) throws Exception {
    IntSimulator sim = new IntSimulator(golden.network());
    List<Trace> traces = new ArrayList<>();
    for (StimulusFile.Sample s : stimulus) {
      traces.add(sim.runTraced(s.spikes(), golden.networkHash()));
    }
    Path run = Files.createDirectories(rtl.dir().resolve("sim").resolve("load-test-" + cs.simulator().name()));
    Path beats = run.resolve("beats.txt");
    StreamBeats.write(beats, stimulus.stream().map(StimulusFile.Sample::spikes).toList(), rtl.core().timesteps());
    Path out = run.resolve("out.txt");
    cs.run(new StreamRun(rtl.dir(), beats, out, stimulus.size(), rtl.core().timesteps(),
        CoreVerifier.maxCycles(rtl.core(), traces) + 100_000, 0, null, loads));
    StreamLog log = StreamLog.read(out, rtl.core().outputSize());
    for (int k = 0; k < stimulus.size(); k++) {
      Optional<CoreMismatch> m = CoreComparison.compare(cs.simulator().name(), k, stimulus.get(k).id(),
          golden.network(), rtl.core(), traces.get(k), log.samples().get(k));
      if (m.isPresent()) {
        return m;
      }
    }
    return Optional.empty();
  }
}
