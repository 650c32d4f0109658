package dev.spikeforge.cli;

import dev.spikeforge.boards.Board;
import dev.spikeforge.boards.BoardTops;
import dev.spikeforge.boards.Boards;
import dev.spikeforge.boards.flow.BitstreamFlow;
import dev.spikeforge.boards.flow.CoreClock;
import dev.spikeforge.boards.flow.FitCheck;
import dev.spikeforge.boards.flow.FlowOptions;
import dev.spikeforge.boards.flow.FlowResult;
import dev.spikeforge.boards.flow.ResourceUse;
import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.golden.spec.hw.HwCore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "bitstream", mixinStandardHelpOptions = true,
    description = {"Wrap a compiled core in the UART board top-level and run yosys -> nextpnr-ice40 -> icepack.",
        "Writes <BUILD>/bitstream/<board>.bin and <BUILD>/reports/{utilization,timing,power}.json.",
        "A core whose weight memories cannot fit the board's block RAM and SPRAM is refused before synthesis.",
        "With --freq other than the board clock, the core runs on the iCE40 PLL's output (SB_PLL40_PAD or",
        "SB_PLL40_CORE from the board's oscillator), held in reset until the PLL locks.",
        "",
        "Example: spikeforge bitstream build/net --board icebreaker --freq 24"})
final class BitstreamCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BUILD", description = "A build directory written by 'spikeforge compile'.")
  Path build;

  @Option(names = "--board", defaultValue = "icebreaker",
      description = "icebreaker, hx8k-breakout, or a board JSON file. Default: ${DEFAULT-VALUE}.")
  String board;

  @Option(names = "--freq", paramLabel = "MHZ", description = {
      "Core clock in MHz, made by the iCE40 PLL from the board clock (16..275 MHz; the nearest frequency the "
          + "PLL makes is used and reported, e.g. 28 -> 28.125 from 12 MHz) and the place-and-route target.",
      "Default: the board clock, no PLL."})
  Double freqMhz;

  @Option(names = "--target-mhz", paramLabel = "MHZ", description = {
      "Place-and-route timing target only, in MHz (no PLL: the design and its clock are unchanged); for measuring "
          + "Fmax against a target. Default: the core clock."})
  Double targetMhz;

  @Option(names = "--allow-timing-fail", description = "Write the bitstream even if the target frequency is missed.")
  boolean allowTimingFail;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    BuildDirectory.Loaded b = BuildDirectory.load(build);
    Board bd = Boards.byNameOrFile(board);
    FlowOptions opts = FlowOptions.defaults().withAllowTimingFail(allowTimingFail);
    if (targetMhz != null) {
      if (!(Double.isFinite(targetMhz) && targetMhz > 0 && targetMhz <= 1000)) {
        throw new UserException("--target-mhz must be a number of MHz in (0, 1000], got " + targetMhz);
      }
      opts = opts.withTargetMhz(targetMhz);
    }
    if (freqMhz != null) {
      CoreClock clock = coreClock(bd, freqMhz);
      opts = opts.withCoreClock(clock);
      if (clock.usesPll()) {
        out.println(clock.describe());
      }
    }
    FlowResult r = run(b, bd, opts, out);
    Path bin = r.requireBitstream();
    out.println("  bitstream " + bin + "; reports in " + build.resolve("reports"));
    return 0;
  }

  /**
   * The core clock of {@code --freq MHZ} on {@code bd} (the board clock when {@code freqMhz} is null);
   * a frequency the PLL cannot make is a usage error, refused before anything is written.
   */
  static CoreClock coreClock(Board bd, Double freqMhz) {
    if (freqMhz == null) {
      return CoreClock.ofBoard(bd);
    }
    if (!(Double.isFinite(freqMhz) && freqMhz > 0)) {
      throw new UserException("--freq must be a positive, finite number of MHz, got " + freqMhz);
    }
    try {
      return CoreClock.forRequest(bd, freqMhz);
    } catch (dev.spikeforge.boards.flow.FlowException e) {
      throw new UserException(e.getMessage()); // a usage error (exit code 2), not a tool failure
    }
  }

  /**
   * The fit check, the board top around the core and the flow, printing the resources and timing:
   * shared by this command and {@code spikeforge demo}.
   */
  static FlowResult run(BuildDirectory.Loaded b, Board bd, FlowOptions opts, PrintWriter out) throws IOException {
    Path build = b.dir();
    HwCore core = b.core();
    // Pre-flight: refuse a core that cannot fit the part before anything is written or synthesized.
    FitCheck.require(core, bd, "network '" + b.network().name() + "' (" + build + ")");
    Path src = build.resolve("bitstream").resolve("src-" + bd.name());
    prepareSources(b.dir(), src);
    long designId = Long.parseLong(b.networkHash().substring(0, 8), 16);
    // with the core's load port: LOAD frames write SPRAM weights (and can replace any image); on the
    // PLL's clock when the options carry one
    CoreClock clock = opts.coreClock().orElse(CoreClock.ofBoard(bd));
    BoardTops.emit(BoardTops.uartTop(bd, clock, dev.spikeforge.boards.link.BoardClient.loadParams(core), HwCore.TOP,
        designId), src);
    out.printf("synthesizing %s (core of network %s) for %s: yosys, nextpnr-ice40, icepack%n", BoardTops.UART_TOP_NAME,
        b.network().name(), bd.name());
    out.flush();
    FlowResult r;
    try (Ticker t = new Ticker("yosys, nextpnr-ice40, icepack")) {
      r = BitstreamFlow.run(src, BoardTops.UART_TOP_NAME, bd, build, opts);
    }
    for (ResourceUse u : r.utilization().resources()) {
      if (u.available() > 0) {
        out.printf(Locale.ROOT, "  %-14s %7d / %-7d %5.1f %%%n", u.name(), u.used(), u.available(), u.percent());
      } else {
        out.printf(Locale.ROOT, "  %-14s %7d%n", u.name(), u.used());
      }
    }
    out.printf(Locale.ROOT, "  Fmax %.2f MHz (target %.2f MHz, %s); power estimate %.2f mW (%s confidence)%n",
        r.timing().worstFmaxMhz(), r.timing().targetMhz(), r.timingMet() ? "met" : "MISSED", r.power().totalMw(),
        r.power().confidence());
    return r;
  }

  /** The core's Verilog and its memory images, side by side, so relative $readmemh paths resolve. */
  private static void prepareSources(Path buildDir, Path src) throws IOException {
    if (Files.exists(src)) {
      try (Stream<Path> s = Files.walk(src)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(src.resolve(HwCore.MEM_DIR));
    try (Stream<Path> s = Files.list(buildDir.resolve("rtl"))) {
      for (Path p : s.filter(f -> f.toString().endsWith(".sv") || f.toString().endsWith(".v")).sorted().toList()) {
        Files.copy(p, src.resolve(p.getFileName()));
      }
    }
    try (Stream<Path> s = Files.list(buildDir.resolve(HwCore.MEM_DIR))) {
      for (Path p : s.sorted().toList()) {
        Files.copy(p, src.resolve(HwCore.MEM_DIR).resolve(p.getFileName()));
      }
    }
  }
}
