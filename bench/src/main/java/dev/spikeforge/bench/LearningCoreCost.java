package dev.spikeforge.bench;

import dev.spikeforge.boards.Board;
import dev.spikeforge.boards.Boards;
import dev.spikeforge.boards.Part;
import dev.spikeforge.boards.flow.BitstreamFlow;
import dev.spikeforge.boards.flow.BoardTops;
import dev.spikeforge.boards.flow.DesignTooLargeException;
import dev.spikeforge.boards.flow.FlowOptions;
import dev.spikeforge.boards.flow.FlowResult;
import dev.spikeforge.boards.flow.ResourceEstimate;
import dev.spikeforge.boards.flow.ResourceUse;
import dev.spikeforge.boards.flow.SynthEstimator;
import dev.spikeforge.boards.link.BoardClient;
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
 * The cost of on-chip learning on the iCEBreaker (issue 11, "fits a real part" and "cost of learning";
 * docs/benchmarks.md "Learning core on the UP5K"): the recommended learning-core configuration of
 * docs/learning.md §3.6 (B = 8, E = (0, 8), K = 16, T = 20, Fashion-MNIST dropout 0.05 / 0.40, η0 = 2^−15),
 * mapped for the UP5K as an inference-only core and as a learning core of the same network, each in the
 * UART board top (a learning core's top has the TRAIN and READ frames), through yosys, nextpnr-ice40
 * (24 MHz target, seed S, timing failures allowed so Fmax is always reported) and icepack.
 *
 * <p>Usage: {@code LearningCoreCost OUT SIZES LANES MODE [SEED | PART]}, SIZES e.g. 784,128,10, MODE learning,
 * inference or both. Prints one line per core; the reports are under {@code OUT/<name>-<mode>/reports}. With a
 * part name of {@code parts.json} instead of a seed (e.g. {@code LFE5U-25F}) the same cores, mapped with every
 * memory in block RAM (the generic target: ECP5 has no SPRAM), are synthesised for that part by yosys alone
 * ({@code SynthEstimator}: LUT4, FF, block RAM, multipliers; no place and route, so no Fmax).
 */
public final class LearningCoreCost {
  private LearningCoreCost() {}

  /** The recommended learning configuration for {@code sizes} (docs/learning.md §3.6). */
  static DesireConfig config(int[] sizes) {
    DesireParams p = DesireParams.fashionMnist().withLearningRate(3e-5, 0.04);
    int[] e = new int[sizes.length - 1];
    e[e.length - 1] = 8; // E = 0 for every layer in SPRAM, 8 for the output layer in EBR
    DesireIntParams ip = DesireIntParams.defaults(sizes, 8).withLayerShadowBits(e).withRoundingBits(16);
    return DesireConfig.intForm(sizes, p, ip, 1);
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int[] sizes = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
    int lanes = Integer.parseInt(args[2]);
    String mode = args[3];
    String last = args.length > 4 ? args[4] : "1";
    Part part = last.chars().allMatch(Character::isDigit) ? null : Boards.part(last);
    int seed = part == null ? Integer.parseInt(last) : 1;
    DesireConfig c = config(sizes);
    NetworkSpec net;
    try (TrainingEngine eng = c.engine(1)) {
      net = eng.intNetwork();
    }
    Board board = Boards.icebreaker();
    for (String m : mode.equals("both") ? new String[] {"inference", "learning"} : new String[] {mode}) {
      boolean learn = m.equals("learning");
      HwCore core = HwMapper.map(net, MappingOptions.lanes(lanes), part == null ? MemoryTarget.UP5K : MemoryTarget.GENERIC,
          learn ? DesireHardware.learningSpec(c) : null);
      String name = args[1].replace(',', '-') + "-p" + lanes + "-" + m + (part == null ? "" : "-" + part.name());
      Path dir = out.resolve(name);
      Path src = dir.resolve("src");
      Files.createDirectories(src);
      HwGen.generateCore(core, src);
      for (Map.Entry<String, String> img : MemoryImages.build(net, core).entrySet()) {
        Path f = src.resolve(img.getKey());
        Files.createDirectories(f.getParent());
        Files.writeString(f, img.getValue());
      }
      StringBuilder mem = new StringBuilder();
      for (HwMemory x : core.memories()) {
        mem.append(String.format(Locale.ROOT, " %s %dx%d %s;", x.file(), x.depth(), x.width(), x.kind()));
      }
      System.out.println(name + ": memories" + mem);
      BoardTops.emit(BoardTops.uartTop(board, BoardClient.loadParams(core), HwCore.TOP, 0x1EA2C0DEL), src);
      if (part != null) {
        long t0 = System.nanoTime();
        ResourceEstimate e = SynthEstimator.run(src, BoardTops.UART_TOP_NAME, part, dir, FlowOptions.defaults());
        StringBuilder line = new StringBuilder(name + ": " + e.synthCommand() + ",");
        for (ResourceUse u : e.resources()) {
          line.append(' ').append(u.name()).append('=').append(u.used());
          if (u.available() > 0) {
            line.append('/').append(u.available());
          }
        }
        System.out.printf(Locale.ROOT, "%s time=%.0f s%n", line, (System.nanoTime() - t0) / 1e9);
        continue;
      }
      FlowOptions o = FlowOptions.defaults().withTargetMhz(24).withAllowTimingFail(true).withSeed(seed)
          .withToolTimeout(java.time.Duration.ofHours(3)).withAbc9(learn); // as Bitstreams.build maps them
      long t0 = System.nanoTime();
      try {
        FlowResult r = BitstreamFlow.run(src, BoardTops.UART_TOP_NAME, board, dir, o);
        StringBuilder line = new StringBuilder(name + ":");
        for (ResourceUse u : r.utilization().resources()) {
          line.append(' ').append(u.name()).append('=').append(u.used());
          if (u.available() > 0) {
            line.append('/').append(u.available());
          }
          if (u.name().equals("dsps") && u.source().contains("multipliers in logic")) {
            line.append(" (").append(u.source().substring(u.source().indexOf("multipliers in logic"))).append(')');
          }
        }
        System.out.printf(Locale.ROOT, "%s Fmax=%.2f MHz (seed %d) bitstream=%s time=%.0f s%n", line,
            r.timing().worstFmaxMhz(), seed, r.bitstream().map(Path::toString).orElse("none"),
            (System.nanoTime() - t0) / 1e9);
      } catch (DesignTooLargeException e) {
        System.out.println(name + ": DOES NOT FIT: " + e.getMessage());
      }
    }
  }
}
