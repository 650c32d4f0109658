package dev.spikeforge.flow;

import dev.spikeforge.boards.Board;
import dev.spikeforge.boards.flow.BoardTops;
import dev.spikeforge.boards.flow.BitstreamFlow;
import dev.spikeforge.boards.flow.CoreClock;
import dev.spikeforge.boards.flow.FitCheck;
import dev.spikeforge.boards.flow.FlowOptions;
import dev.spikeforge.boards.flow.FlowResult;
import dev.spikeforge.boards.flow.ResourceUse;
import dev.spikeforge.boards.link.BoardClient;
import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.hwgen.board.PixelInputParams;
import dev.spikeforge.hwgen.board.UartBoardTopParams;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/** From a build directory to a bitstream: the one path, used by the bitstream step and the bitstream command. */
public final class Bitstreams {
  private Bitstreams() {}

  /**
   * The fit check, the UART board top around the core (a learning core's top has its TRAIN and READ
   * frames) and yosys, nextpnr-ice40 and icepack; logs the resources and timing. Writes {@code bitstream/} and {@code reports/{utilization,timing,power}.json}.
   *
   * @throws dev.spikeforge.boards.flow.DesignTooLargeException before any bitstream or report is written, if
   *         the core cannot fit the part: from its memories before synthesis, or naming every resource over
   *         budget after it (LUT4, logic cells, EBR, SPRAM, DSP) and by how much
   */
  public static FlowResult build(BuildDirectory.Loaded b, Board bd, FlowOptions opts, FlowEvents events)
      throws IOException {
    return build(b, bd, opts, events, false);
  }

  /**
   * {@link #build(BuildDirectory.Loaded, Board, FlowOptions, FlowEvents)}, with {@code pixels} the pixel-input top
   * (link version 4: PIXELS frames encoded on chip with the network's encoder, at {@code BoardTops.fastBaud} of the
   * core clock) instead of the frame-per-step top.
   *
   * @throws ConfigException (field {@code input}) if the network's encoder has no on-chip twin (rate32), the core
   *         learns, or the core clock makes no fast baud rate; before anything is written
   */
  public static FlowResult build(BuildDirectory.Loaded b, Board bd, FlowOptions opts, FlowEvents events,
      boolean pixels) throws IOException {
    PrintWriter out = events.log();
    Path build = b.dir();
    HwCore core = b.core();
    FitCheck.require(core, bd, "network '" + b.network().name() + "' (" + build + ")");
    Path src = build.resolve("bitstream").resolve("src-" + bd.name());
    long designId = Long.parseLong(b.networkHash().substring(0, 8), 16);
    // with the core's load port (LOAD frames write SPRAM weights), a learning core's TRAIN and READ frames
    // (link version 3), on the PLL's clock if the options carry one
    CoreClock clock = opts.coreClock().orElse(CoreClock.ofBoard(bd));
    UartBoardTopParams top;
    if (pixels) {
      if (core.learns()) {
        throw new ConfigException("input", "pixels: a learning core takes spike frames (TRAIN samples); build it with"
            + " --input spikes");
      }
      try {
        top = BoardTops.pixelTop(bd, clock, BoardClient.loadParams(core), HwCore.TOP, designId,
            new PixelInputParams(b.network().encoder(), b.network().timesteps()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("input", "pixels: " + e.getMessage().replaceFirst("^requirement failed: ", ""));
      }
    } else {
      top = BoardTops.uartTop(bd, clock, BoardClient.loadParams(core), HwCore.TOP, designId);
    }
    prepareSources(build, src);
    BoardTops.emit(top, src);
    out.printf("synthesizing %s (%s of network %s) for %s: yosys%s, nextpnr-ice40, icepack%n", BoardTops.UART_TOP_NAME,
        core.learns() ? "learning core" : "core", b.network().name(), bd.name(), core.learns() ? " -abc9" : "");
    out.printf(java.util.Locale.ROOT, "  link: %s at %d baud (divisor %d)%s%n", pixels ? "PIXELS frames (version 4)"
        : "spike frames (version " + top.linkVersion() + ")", top.baud(), top.divisor(),
        pixels ? ", encoder " + b.network().encoder() + ", T = " + b.network().timesteps() : "");
    out.flush();
    FlowResult r;
    try (FlowEvents.Task t = events.ticker("yosys, nextpnr-ice40, icepack")) {
      // a learning core maps with yosys -abc9 (fewer logic cells: docs/hardware.md §7.3); inference cores never
      r = BitstreamFlow.run(src, BoardTops.UART_TOP_NAME, bd, build, opts.withAbc9(core.learns()));
    }
    for (ResourceUse u : r.utilization().resources()) {
      if (u.available() > 0) {
        out.printf(Locale.ROOT, "  %-14s %7d / %-7d %5.1f %%%n", u.name(), u.used(), u.available(), u.percent());
      } else {
        out.printf(Locale.ROOT, "  %-14s %7d%n", u.name(), u.used());
      }
      if (u.name().equals("dsps") && u.source().contains("multipliers in logic")) {
        out.println("  (" + u.source().substring(u.source().indexOf("multipliers in logic")) + ")");
      }
    }
    out.printf(Locale.ROOT, "  Fmax %.2f MHz (target %.2f MHz, %s); power estimate %.2f mW (%s confidence)%n",
        r.timing().worstFmaxMhz(), r.timing().targetMhz(), r.timingMet() ? "met" : "MISSED", r.power().totalMw(),
        r.power().confidence());
    out.flush();
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
