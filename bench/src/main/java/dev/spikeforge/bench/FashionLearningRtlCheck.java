package dev.spikeforge.bench;

import dev.spikeforge.compiler.image.MemoryImages;
import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.map.MemoryTarget;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.FashionMnist;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.MemoryRole;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.DesireHardware;
import dev.spikeforge.golden.train.DesireLearningReference;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.hwgen.HwGen;
import dev.spikeforge.testbenches.LearningVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * On-chip learning at the chip's size (issue 11): the recommended hardware configuration of desire
 * learning (docs/learning.md §3.6: B = 8, E = (0, 8), K = 16, T = 20, the Fashion-MNIST dropout, rate
 * 2^−15) on a 784-H-10 learning core mapped for a board (weights in SPRAM where they go there), learning N
 * consecutive Fashion-MNIST training samples in Verilator from a random start (or after P samples of golden
 * pretraining), every shadow weight compared with the golden model after every sample.
 *
 * <p>Run: {@code bench/run-fashion-learning-rtl-check.sh [samples=1000] [hidden=128] [lanes=4] [board=icebreaker]
 * [pretrain=0] [work dir] [sim=verilator|icarus|both]}.
 */
public final class FashionLearningRtlCheck {
  private FashionLearningRtlCheck() {}

  public static void main(String[] args) throws IOException {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int hidden = args.length > 1 ? Integer.parseInt(args[1]) : 128;
    int lanes = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    String board = args.length > 3 ? args[3] : "icebreaker";
    int pretrain = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    Path dir = Path.of(args.length > 5 ? args[5] : "target/fashion-learning-rtl-check");
    List<LearningVerifier.Sim> sims = LearningVerifier.Sim.parse(args.length > 6 ? args[6] : "verilator");
    int[] sizes = {784, hidden, 10};
    DesireParams f = DesireParams.fashionMnist();
    DesireParams p = new DesireParams(f.timesteps(), f.leakShift(), f.errorMargin(), f.hiddenDesireThreshold(),
        f.outputDesireThreshold(), f.inputDropout(), f.hiddenDropout(), Math.scalb(1.0, -15), f.learningRateDecay(),
        f.layerDelay());
    int[] q = DesireIntParams.defaults(sizes, 8).thresholdShifts();
    DesireConfig config = DesireConfig.intForm(sizes, p, new DesireIntParams(8, 0, 16, 6, q, 16, new int[] {0, 8}), 1);
    NetworkSpec net;
    try (TrainingEngine e = config.engine(1)) {
      net = e.intNetwork();
    }
    HwCore core = HwMapper.map(net, MappingOptions.lanes(lanes), MemoryTarget.forBoard(board),
        DesireHardware.learningSpec(config));
    Files.createDirectories(dir);
    Dataset train = FashionMnist.load(Split.TRAIN).slice(0, pretrain + samples);
    RateEncoder enc = new RateEncoder();
    long t0 = System.nanoTime();
    Path verilog = HwGen.generateCore(core, dir.resolve("rtl")).verilog();
    double elaborate = (System.nanoTime() - t0) / 1e9;
    try (DesireLearningReference ref = DesireLearningReference.of(config, core, net)) {
      for (int i = 0; i < pretrain; i++) {
        ref.train(train.encode(i, enc, p.timesteps()), train.label(i), 0, i);
      }
      for (Map.Entry<String, String> img : MemoryImages.build(net, core).entrySet()) {
        Path file = dir.resolve(img.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, img.getValue());
      }
      for (int l = 0; l < sizes.length - 1; l++) {
        Files.writeString(dir.resolve(core.memory(l, MemoryRole.FEEDFORWARD).file()), ref.memoryImage(l));
      }
      List<LearningVerifier.Sample> run = new ArrayList<>();
      for (int i = pretrain; i < pretrain + samples; i++) {
        run.add(new LearningVerifier.Sample(train.encode(i, enc, p.timesteps()), train.label(i)));
      }
      long t1 = System.nanoTime();
      LearningVerifier.Report r = LearningVerifier.verify(verilog, core, ref, run,
          new LearningVerifier.Options(dir.resolve("sim"), 0, pretrain, dir).withSimulators(sims));
      double total = (System.nanoTime() - t1) / 1e9;
      System.out.printf(Locale.ROOT, "784-%d-10 learning core, P = %d, %s placement (%s), %s: %d/%d consecutive training"
          + " samples bit-exact (after %d golden samples); %.0f clocks per sample (forward + update + readback);"
          + " simulation %.1f s, build + simulation + comparison %.1f s wall, elaboration %.1f s%n", hidden, lanes,
          board, core.layers().get(0).feedforwardMemory(), sims, r.matching(), r.samples(), pretrain,
          r.cycles() / (double) samples, r.seconds(), total, elaborate);
      if (!r.passed()) {
        System.out.println("FIRST MISMATCH: " + r.firstMismatch().describe());
        System.exit(1);
      }
    }
  }
}
