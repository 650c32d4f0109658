package dev.spikeforge.bench;

import dev.spikeforge.compiler.image.MemoryImages;
import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.map.MemoryTarget;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwMemory;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.DesireHardware;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.hwgen.HwGen;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The RTL and memory images of a Fashion-MNIST 784-H-10 core in the recommended learning configuration of
 * docs/learning.md §3.6 (B = 8, E = (0, 8), K = 16, T = 20, Fashion-MNIST dropout, rate 2^−15), mapped for
 * the UP5K, as a learning core or as the inference-only core of the same network: the input of
 * {@code bench/run-learning-core-area.sh}, which synthesises the core alone (no board top) with yosys to
 * attribute its cells per module (docs/benchmarks.md, "Learning core area on the UP5K").
 *
 * <p>Usage: {@code LearningCoreRtl OUT SIZES LANES learning|inference}. Writes {@code OUT/SnnCore.sv} and the
 * images under {@code OUT/mem}; prints the memories.
 */
public final class LearningCoreRtl {
  private LearningCoreRtl() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int[] sizes = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
    int lanes = Integer.parseInt(args[2]);
    boolean learn = args[3].equals("learning");
    DesireParams f = DesireParams.fashionMnist();
    DesireParams p = new DesireParams(f.timesteps(), f.leakShift(), f.errorMargin(), f.hiddenDesireThreshold(),
        f.outputDesireThreshold(), f.inputDropout(), f.hiddenDropout(), Math.scalb(1.0, -15), f.learningRateDecay(),
        f.layerDelay());
    int[] e = new int[sizes.length - 1];
    e[e.length - 1] = 8; // E = 0 for the layers in SPRAM, 8 for the output layer in EBR
    DesireIntParams ip = DesireIntParams.defaults(sizes, 8).withLayerShadowBits(e).withRoundingBits(16);
    DesireConfig c = DesireConfig.intForm(sizes, p, ip, 1);
    NetworkSpec net;
    try (TrainingEngine eng = c.engine(1)) {
      net = eng.intNetwork();
    }
    HwCore core = HwMapper.map(net, MappingOptions.lanes(lanes), MemoryTarget.UP5K,
        learn ? DesireHardware.learningSpec(c) : null);
    Files.createDirectories(out);
    HwGen.generateCore(core, out);
    for (Map.Entry<String, String> img : MemoryImages.build(net, core).entrySet()) {
      Path file = out.resolve(img.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, img.getValue());
    }
    StringBuilder mem = new StringBuilder();
    for (HwMemory x : core.memories()) {
      mem.append(String.format(Locale.ROOT, " %s %dx%d %s;", x.file(), x.depth(), x.width(), x.kind()));
    }
    System.out.println(args[1] + " P=" + lanes + " " + args[3] + ": memories" + mem);
  }
}
