package dev.spikeforge.boards.cost;

import dev.spikeforge.boards.Board;
import dev.spikeforge.boards.flow.BoardTops;
import dev.spikeforge.boards.Boards;
import dev.spikeforge.boards.flow.BitstreamFlow;
import dev.spikeforge.boards.flow.CoreClock;
import dev.spikeforge.boards.flow.FlowOptions;
import dev.spikeforge.boards.flow.FlowResult;
import dev.spikeforge.boards.link.BoardClient;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A named hardware configuration whose cost is tracked in {@code boards/cost-baselines.json}: a
 * seeded random network (fixed weights, so the netlist repeats), compiled for {@code lanes} lanes
 * and built inside the UART board top for {@code board} by yosys and nextpnr-ice40 (seed 1,
 * {@code targetMhz}, timing failure allowed: Fmax is a measured figure, not a pass condition).
 *
 * @param name the key in the baseline file
 * @param sizes layer sizes, input first
 * @param timesteps T
 * @param weightWidth signed weight bits
 * @param membraneWidth signed membrane bits
 * @param lanes P
 * @param board board name ({@link Boards#bundled})
 * @param targetMhz nextpnr's timing target
 */
public record CostPreset(String name, int[] sizes, int timesteps, int weightWidth, int membraneWidth, int lanes,
    String board, double targetMhz) {

  /** Seed of the random network and of nextpnr's placement. */
  public static final int SEED = 1;

  /**
   * The 16-8-4 core at P = 16, all memories in block RAM (no load port), on the iCEBreaker at a
   * 24 MHz target: the configuration of bench/run-up5k-fmax.sh's first line.
   */
  public static CostPreset tiny() {
    return new CostPreset("tiny-16-8-4-p16-bram", new int[] {16, 8, 4}, 8, 4, 16, 16, "icebreaker", 24);
  }

  /**
   * The demo's hardware: 784-128-10, 4-bit weights, P = 4, fc1's weights in SPRAM (automatic
   * placement for the iCEBreaker) with the load port, on the iCEBreaker at its 12 MHz clock. Random
   * weights of seed {@link #SEED} and 8-bit membranes stand in for the trained, calibrated model
   * (6–7-bit membranes), which CI does not have.
   */
  public static CostPreset demo() {
    return new CostPreset("demo-784-128-10-w4-p4-spram", new int[] {784, 128, 10}, 20, 4, 8, 4, "icebreaker", 12);
  }

  /** The presets with a baseline. */
  public static List<CostPreset> all() {
    return List.of(tiny(), demo());
  }

  /** This preset with one more neuron in the first hidden layer: one more lane when P covers the layer. */
  public CostPreset withOneMoreNeuron(String newName) {
    int[] s = sizes.clone();
    s[1]++;
    return new CostPreset(newName, s, timesteps, weightWidth, membraneWidth, lanes, board, targetMhz);
  }

  /** Compiles the network into {@code work/build} and runs the flow there; returns the measured cost. */
  public Cost measure(Path work) {
    try {
      NetworkSpec net = RandomNetworks.generate(new RandomNetworks.Options(sizes, timesteps, weightWidth, membraneWidth,
          0, false, false, false, false, ReadoutSpec.spikeCount(), 0.03), SEED);
      Path build = work.resolve("build");
      Board bd = Boards.bundled(board);
      HwCore core = Compiler.compile(net, new CompileConfig(MappingOptions.lanes(lanes), board, 1, SEED), build).core();
      Path src = Files.createDirectories(work.resolve("src"));
      copyTree(build.resolve("rtl"), src);
      copyTree(build.resolve(HwCore.MEM_DIR), Files.createDirectories(src.resolve(HwCore.MEM_DIR)));
      long designId = Long.parseLong(NetworkJson.contentHash(net).substring(0, 8), 16);
      BoardTops.emit(BoardTops.uartTop(bd, CoreClock.ofBoard(bd), BoardClient.loadParams(core), HwCore.TOP, designId),
          src);
      FlowResult r = BitstreamFlow.run(src, BoardTops.UART_TOP_NAME, bd, work.resolve("flow"),
          FlowOptions.defaults().withTargetMhz(targetMhz).withSeed(SEED).withAllowTimingFail(true));
      return Cost.of(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        Files.copy(p, to.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
