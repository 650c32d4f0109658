package dev.spikeforge.bench;

import dev.spikeforge.compiler.image.MemoryImages;
import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.map.MemoryTarget;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.DesireHardware;
import dev.spikeforge.golden.train.DesireLearningReference;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.hwgen.HwGen;
import dev.spikeforge.testbenches.LearningVerifier.SimulatorReport;
import dev.spikeforge.testbenches.LearningVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Consecutive training samples on a learning core in RTL simulation, every weight compared with the
 * golden model after every sample ({@link LearningVerifier}); prints the wall time per simulator.
 *
 * <p>Run: {@code bench/run-learning-rtl.sh [samples=100] [sim=icarus|verilator|both] [sizes=16-8-4]
 * [lanes=4] [work dir=target/learning-rtl]}. The core: desire learning with dropout (input 0.2, hidden
 * 0.3), D = 1, T = 8, 6-bit weights, shadow bits 2 (layer 0) and 4 (later layers), stochastic rounding
 * with K = 16, initial weights from seed 7; samples are random rasters (inputs at rate 0.3, seed 11)
 * with random labels.
 */
public final class LearningRtlBench {
  private LearningRtlBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    List<LearningVerifier.Sim> sims = LearningVerifier.Sim.parse(args.length > 1 ? args[1] : "icarus");
    int[] sizes = Arrays.stream((args.length > 2 ? args[2] : "16-8-4").split("-")).mapToInt(Integer::parseInt)
        .toArray();
    int lanes = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    Path dir = Files.createDirectories(Path.of(args.length > 4 ? args[4] : "target/learning-rtl"));

    DesireParams p = new DesireParams(8, 2, 2, 0.05, 0.3, 0.2, 0.3, Math.scalb(1.0, -6), 0.0, 1);
    int[] q = DesireIntParams.defaults(sizes, 6, 12).thresholdShifts();
    int[] shadow = new int[sizes.length - 1];
    Arrays.fill(shadow, 4);
    shadow[0] = 2;
    DesireConfig config = DesireConfig.intForm(sizes, p, new DesireIntParams(6, 0, 12, 6, q, 16, shadow), 7);
    NetworkSpec net;
    try (TrainingEngine e = config.engine(1)) {
      net = e.intNetwork();
    }
    long t0 = System.nanoTime();
    HwCore core = HwMapper.map(net, MappingOptions.lanes(lanes), MemoryTarget.GENERIC,
        DesireHardware.learningSpec(config));
    Path verilog = HwGen.generateCore(core, dir.resolve("rtl")).verilog();
    for (Map.Entry<String, String> img : MemoryImages.build(net, core).entrySet()) {
      Path f = dir.resolve(img.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, img.getValue());
    }
    double gen = (System.nanoTime() - t0) / 1e9;

    Random r = new Random(11);
    List<LearningVerifier.Sample> samples = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      boolean[][] s = new boolean[p.timesteps()][sizes[0]];
      for (boolean[] step : s) {
        for (int i = 0; i < sizes[0]; i++) {
          step[i] = r.nextDouble() < 0.3;
        }
      }
      samples.add(new LearningVerifier.Sample(SpikeRaster.ofDense(s), r.nextInt(sizes[sizes.length - 1])));
    }
    long t1 = System.nanoTime();
    LearningVerifier.Report report;
    try (DesireLearningReference ref = DesireLearningReference.of(config, core, net)) {
      report = LearningVerifier.verify(verilog, core, ref, samples,
          new LearningVerifier.Options(dir.resolve("sim"), 0, 0, dir).withSimulators(sims));
    }
    double all = (System.nanoTime() - t1) / 1e9;
    System.out.printf(Locale.ROOT, "learning core %s, P = %d, T = %d: generated in %.1f s%n",
        String.join("-", Arrays.stream(sizes).mapToObj(Integer::toString).toList()), lanes, p.timesteps(), gen);
    for (SimulatorReport s : report.simulators()) {
      System.out.printf(Locale.ROOT, "%s %s: %d/%d consecutive training samples bit-exact (every weight after every"
          + " sample), %d clocks (%.0f per sample), simulation %.1f s wall (%.3f s per sample)%n", s.simulator(),
          s.version(), s.matching(), s.samples(), s.cycles(), (double) s.cycles() / s.samples(), s.seconds(),
          s.seconds() / s.samples());
    }
    System.out.printf(Locale.ROOT, "verify (builds, golden model, simulations, comparison): %.1f s wall%n", all);
    if (!report.passed()) {
      System.out.print(report.describe());
      System.exit(1);
    }
  }
}
