package dev.spikeforge.bench;

import dev.spikeforge.compiler.cycles.CycleModel;
import dev.spikeforge.compiler.image.MemoryImages;
import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.map.MemoryTarget;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.FashionMnist;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.DesireHardware;
import dev.spikeforge.golden.train.DesireLearningReference;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.hwgen.HwGen;
import dev.spikeforge.testbenches.LearningVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Clocks per training sample of the UP5K learning core (docs/benchmarks.md, "Learning core on the UP5K"):
 * the recommended configuration ({@link LearningCoreCost#config}) mapped for the UP5K at P lanes, N
 * Fashion-MNIST test images (rate-encoded, T = 20) trained in Verilator through the learning harness
 * ({@link LearningVerifier}: weights and counts bit-exact with the golden reference after every sample,
 * the run fails otherwise). Per sample: the clocks from one output beat to the next minus the weight
 * readback between them (one peek per clock, every word of every layer); the forward pass of the same
 * input on the inference core of the same network by the cycle model ({@code CycleModel.clocks}, exact
 * for inference, no dropout); the difference is the learning unit's (prepare: history clear and dropout
 * draws; desire and update passes).
 *
 * <p>Usage: {@code LearningClocks OUT SIZES LANES SAMPLES [--waive-unused]}.
 */
public final class LearningClocks {
  private LearningClocks() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int[] sizes = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
    int lanes = Integer.parseInt(args[2]);
    int n = Integer.parseInt(args[3]);
    DesireConfig c = LearningCoreCost.config(sizes);
    NetworkSpec net;
    try (TrainingEngine eng = c.engine(1)) {
      net = eng.intNetwork();
    }
    HwCore core = HwMapper.map(net, MappingOptions.lanes(lanes), MemoryTarget.UP5K, DesireHardware.learningSpec(c));
    HwCore inference = HwMapper.map(net, MappingOptions.lanes(lanes), MemoryTarget.UP5K, null);
    Path dir = Files.createDirectories(out.resolve(args[1].replace(',', '-') + "-p" + lanes + "-clocks"));
    Path verilog = HwGen.generateCore(core, dir.resolve("rtl")).verilog();
    if (args.length > 4 && args[4].equals("--waive-unused")) {
      // Measurement only: at T = 20 the generated learning core has a lint warning Verilator's -Wall fails on
      // (UNUSEDSIGNAL: LayerEngine's `1 << step` is wider than its T-bit history word); the RTL is unchanged,
      // the copy only switches that lint rule off so the harness builds.
      Path waived = dir.resolve("rtl-waived").resolve(verilog.getFileName());
      Files.createDirectories(waived.getParent());
      Files.writeString(waived, "/* verilator lint_off UNUSEDSIGNAL */\n" + Files.readString(verilog));
      verilog = waived;
      System.out.println("note: Verilator's UNUSEDSIGNAL lint rule switched off for this measurement (see the source)");
    }
    for (Map.Entry<String, String> img : MemoryImages.build(net, core).entrySet()) {
      Path f = dir.resolve(img.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, img.getValue());
    }
    Dataset test = FashionMnist.load(Split.TEST).slice(0, n);
    RateEncoder enc = new RateEncoder();
    List<LearningVerifier.Sample> samples = new ArrayList<>();
    IntSimulator sim = new IntSimulator(net);
    long[] forward = new long[n];
    for (int i = 0; i < n; i++) {
      SpikeRaster x = test.encode(i, enc, c.params().timesteps());
      samples.add(new LearningVerifier.Sample(x, test.label(i)));
      forward[i] = CycleModel.clocks(inference, sim.runTraced(x, "clocks"));
    }
    long t0 = System.nanoTime();
    LearningVerifier.Report r;
    try (DesireLearningReference ref = DesireLearningReference.of(c, core, net)) {
      r = LearningVerifier.verify(verilog, core, ref, samples,
          new LearningVerifier.Options(dir.resolve("sim"), 0, 0, dir));
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "%s P=%d: %d/%d training samples bit-exact in Verilator, %d clocks in all, %.1f s%n",
        args[1], lanes, r.matching(), r.samples(), r.cycles(), secs);
    if (!r.passed()) {
      System.out.println("MISMATCH: " + r.firstMismatch().describe());
      System.exit(1);
    }
    int words = 0;
    for (int l = 0; l < core.layers().size(); l++) {
      words += core.layers().get(l).feedforward().depth();
    }
    List<Long> outs = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("sim").resolve("verilator").resolve("learn.out"))) {
      if (line.startsWith("O ")) {
        outs.add(Long.parseLong(line.split(" ")[1]));
      }
    }
    System.out.println("sample  train-clocks  forward(inference, cycle model)  learning unit  input spikes");
    long sumTrain = 0;
    long sumFwd = 0;
    for (int k = 1; k < outs.size(); k++) {
      long train = outs.get(k) - outs.get(k - 1) - words;
      sumTrain += train;
      sumFwd += forward[k];
      System.out.printf(Locale.ROOT, "%6d  %12d  %31d  %13d  %12d%n", k, train, forward[k], train - forward[k],
          samples.get(k).input().spikeCount());
    }
    int m = outs.size() - 1;
    System.out.printf(Locale.ROOT, "mean over samples 1..%d: %d clocks per training sample, forward %d, learning unit %d"
        + " (readback of %d words between samples excluded)%n", m, sumTrain / m, sumFwd / m, (sumTrain - sumFwd) / m,
        words);
  }
}
