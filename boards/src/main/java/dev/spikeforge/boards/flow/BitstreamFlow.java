package dev.spikeforge.boards.flow;

import dev.spikeforge.boards.Board;
import dev.spikeforge.boards.BoardSignal;
import dev.spikeforge.boards.Family;
import dev.spikeforge.boards.Part;
import dev.spikeforge.boards.Pcf;
import dev.spikeforge.golden.files.AtomicFiles;
import dev.spikeforge.simkit.ProcessRunner;
import dev.spikeforge.toolchain.ToolMissingException;
import dev.spikeforge.toolchain.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The open iCE40 flow as one call: Yosys ({@code synth_ice40}) → capacity check → PCF from the board
 * → nextpnr-ice40 (fixed seed, {@code --report}) → icepack. If DSP blocks are the only resource over
 * budget (e.g. a learning core's multipliers with {@code -dsp}), Yosys runs again with the multipliers in
 * logic; the utilization report's DSP line says so. With {@link FlowOptions#abc9()} (the learning cores'
 * builds) Yosys maps with {@code -abc9}. Writes, under {@code outDir}:
 * <pre>
 *   bitstream/&lt;board&gt;.bin          the bitstream (absent if timing failed and was not allowed)
 *   reports/utilization.json       LUT4, FF, logic cells, EBR, SPRAM, DSP, I/O, global buffers
 *   reports/timing.json            Fmax per clock against the target
 *   reports/power.json             a power ESTIMATE (see PowerModel)
 *   bitstream/&lt;board&gt;/             synth.ys, synth.json, stat.json, &lt;board&gt;.pcf, &lt;top&gt;.asc,
 *                                  report.json and the tools' logs
 * </pre>
 * Final artefacts are written atomically (temporary name, then rename) and stale ones are removed
 * first, so a failed run never leaves a report of an earlier run next to a new one. Same inputs and
 * options give byte-identical artefacts: no times or absolute paths inside, nextpnr's seed fixed.
 *
 * <p>nextpnr exits with 1 when timing fails (shared/reference/toolchain.md, pitfall 5); the flow
 * then reads the report anyway and returns a result whose timing says so, without a bitstream
 * unless {@link FlowOptions#allowTimingFail()} asked for one ({@code --timing-allow-fail}).
 */
public final class BitstreamFlow {
  private BitstreamFlow() {}

  /**
   * Runs the flow.
   *
   * @param verilogDir every {@code .v}/{@code .sv} file here is read (sorted by name)
   * @param top        top module; its ports must be named after board signals (or be in the pin map)
   * @param board      the target board (an iCE40 part)
   * @param outDir     the build directory
   * @throws ToolMissingException     if yosys, nextpnr-ice40 or icepack is not installed
   * @throws DesignTooLargeException  if synthesis needs more than the part or package offers
   * @throws FlowException            for bad input or a tool failure, with the log's tail
   */
  public static FlowResult run(Path verilogDir, String top, Board board, Path outDir, FlowOptions opts) {
    Part part = board.part();
    if (!part.hasOpenPlaceAndRoute()) {
      throw new FlowException("board " + board.name() + " has a " + part.name() + " (" + part.family().id()
          + "), which has no open place-and-route here; use SynthEstimator for a resource estimate");
    }
    opts.coreClock().ifPresent(c -> {
      if (!c.board().equals(board.name())) {
        throw new FlowException("the core clock was made for board " + c.board() + ", not " + board.name());
      }
    });
    Tools tools = opts.tools();
    Tools.Tool yosys = tools.requireIce40Flow().stream().filter(t -> t.name().equals("yosys")).findFirst()
        .orElseThrow();
    String reuse = opts.reuseSynthesis() ? yosys.path() + " " + yosys.version() : null;
    List<Path> files = Yosys.verilogFiles(verilogDir);
    Yosys.requireTop(files, top);

    Path bitDir = outDir.resolve("bitstream");
    Path reportDir = outDir.resolve("reports");
    Path work = bitDir.resolve(board.name());
    Path bin = bitDir.resolve(board.name() + ".bin");
    Path utilFile = reportDir.resolve("utilization.json");
    Path timingFile = reportDir.resolve("timing.json");
    Path powerFile = reportDir.resolve("power.json");
    deleteStale(bin, utilFile, timingFile, powerFile);
    createDirectories(work);

    // 1. synthesis
    boolean dsp = opts.useDsp() && part.dsps() > 0;
    String plain = Family.ICE40.synthCommand() + (opts.abc9() ? " -abc9" : "");
    String synth = plain + (dsp ? " -dsp" : "");
    Yosys.Synthesis s = Yosys.synthesize(files, top, synth, work, verilogDir, opts.toolTimeout(), reuse);

    // 2. capacity, before place and route
    YosysStat.Resources r = s.stat().resources(Family.ICE40);
    long ioBits = s.ports().stream().mapToLong(Pcf.TopPort::width).sum();
    List<ResourceUse> over = capacityOverflows(board, r, ioBits);
    String partName = part.name() + "-" + board.packageName().toUpperCase(Locale.ROOT);
    String dspNote = null;
    ResourceUse withDsp = null;
    if (dsp && over.size() == 1 && over.get(0).name().equals("dsps")) {
      // more multipliers than DSP blocks and nothing else over: synthesize again with every multiplier in
      // logic (synth_ice40 without -dsp); if that does not fit either, both attempts are named
      withDsp = new ResourceUse("dsps", r.dsps(), part.dsps(),
          "yosys stat SB_MAC16 with synth_ice40 -dsp; synthesized again with the multipliers in logic:");
      s = Yosys.synthesize(files, top, plain, work, verilogDir, opts.toolTimeout(), reuse);
      r = s.stat().resources(Family.ICE40);
      over = capacityOverflows(board, r, ioBits);
      if (!over.isEmpty()) {
        List<ResourceUse> both = new ArrayList<>(List.of(withDsp));
        both.addAll(over);
        over = both;
      }
      dspNote = String.format(Locale.ROOT, "; multipliers in logic (with DSPs, yosys needed %d SB_MAC16 of %d)",
          withDsp.used(), withDsp.available());
    }
    if (!over.isEmpty()) {
      throw new DesignTooLargeException(top, partName, over);
    }

    // 3. constraints
    String pcfText;
    try {
      pcfText = Pcf.generate(board, top, s.ports(), opts.pinMap());
    } catch (IllegalArgumentException e) {
      throw new FlowException(e.getMessage(), e);
    }
    Path pcf = work.resolve(board.name() + ".pcf").toAbsolutePath();
    writeString(pcf, pcfText);

    // 4. place and route, for the clock the logic runs on
    double coreMhz = opts.coreClock().map(CoreClock::coreMhz).orElse(board.clockMhz());
    double target = opts.targetMhz() > 0 ? opts.targetMhz() : coreMhz;
    Path asc = work.resolve(top + ".asc").toAbsolutePath();
    Path report = work.resolve("report.json").toAbsolutePath();
    Path npLog = work.resolve("nextpnr.log").toAbsolutePath();
    deleteStale(asc, report);
    List<String> np = new ArrayList<>(List.of("nextpnr-ice40", "--" + part.nextpnrDevice(),
        "--package", board.packageName(), "--json", s.netlist().toString(), "--pcf", pcf.toString(),
        "--asc", asc.toString(), "--freq", num(target), "--seed", Integer.toString(opts.seed()),
        "--report", report.toString(), "-q", "-l", npLog.toString()));
    if (opts.allowTimingFail()) {
      np.add("--timing-allow-fail");
    }
    ProcessRunner.Outcome o = FlowProcesses.run(np, work, work.resolve("nextpnr.out").toAbsolutePath(),
        opts.toolTimeout(), "nextpnr-ice40 place and route of " + top);
    String npText = read(npLog);
    boolean timingFailure = o.exitCode() == 1 && npText.contains("FAIL at") && Files.isRegularFile(report);
    if (o.exitCode() != 0 && !timingFailure) {
      List<ResourceUse> packedOver = packedOverflows(npText);
      if (!packedOver.isEmpty()) {
        // Yosys' counts fitted, but after packing LUTs, flip-flops and carries into logic cells the
        // design needs more cells than the part has (nextpnr then fails to place).
        List<ResourceUse> named = new ArrayList<>();
        if (withDsp != null) {
          named.add(withDsp);
        }
        named.addAll(packedOver);
        throw new DesignTooLargeException(top, partName, named);
      }
      throw new FlowException("nextpnr-ice40 could not place and route " + top + " on " + part.name() + "-"
          + board.packageName() + " (exit code " + o.exitCode() + "): " + firstError(npText) + pllHint(npText, board)
          + "\n" + ProcessRunner.describe(np, work, npLog));
    }
    NextpnrReport rep;
    try {
      rep = NextpnrReport.parse(read(report));
    } catch (IllegalArgumentException e) {
      throw new FlowException("cannot read nextpnr's report " + report + ": " + e.getMessage(), e);
    }

    // 5. reports
    Utilization util = utilization(top, board, rep, r, dspNote, opts.abc9());
    Timing timing = timing(top, board, target, opts, rep);
    double powerMhz = opts.powerClockMhz() > 0 ? opts.powerClockMhz() : coreMhz;
    long outputs = s.ports().stream().filter(p -> p.direction() != BoardSignal.Direction.IN)
        .mapToLong(Pcf.TopPort::width).sum();
    PowerEstimate power = PowerModel.estimate(part, util.get("logicCells").used(), util.get("blockRams").used(),
        util.get("sprams").used(), util.get("dsps").used(), outputs, powerMhz, opts.toggleRate(),
        PowerModel.DEFAULT_IO_TOGGLE_RATE, PowerModel.DEFAULT_IO_LOAD_PF);
    ReportJson.write(utilFile, ReportJson.utilization(util, board.packageName()));
    ReportJson.write(timingFile, ReportJson.timing(timing, part.name()));
    ReportJson.write(powerFile, ReportJson.power(power, top, board.name()));

    // 6. bitstream
    Optional<Path> bitstream = Optional.empty();
    Duration packTime = Duration.ZERO;
    if (timing.met() || opts.allowTimingFail()) {
      Path tmp = work.resolve(top + ".bin").toAbsolutePath();
      ProcessRunner.Outcome p = FlowProcesses.runChecked(List.of("icepack", asc.toString(), tmp.toString()), work,
          work.resolve("icepack.log").toAbsolutePath(), opts.toolTimeout(), "icepack of " + top);
      packTime = p.elapsed();
      moveAtomically(tmp, bin);
      bitstream = Optional.of(bin);
    }
    return new FlowResult(top, board.name(), bitstream, util, timing, power, work, s.elapsed(), o.elapsed(), packTime);
  }

  private static Utilization utilization(String top, Board board, NextpnrReport rep, YosysStat.Resources r,
      String dspNote, boolean abc9) {
    Part part = board.part();
    NextpnrReport.Use lc = rep.use("ICESTORM_LC");
    NextpnrReport.Use ram = rep.use("ICESTORM_RAM");
    NextpnrReport.Use spram = rep.use("ICESTORM_SPRAM");
    NextpnrReport.Use dsp = rep.use("ICESTORM_DSP");
    NextpnrReport.Use io = rep.use("SB_IO");
    NextpnrReport.Use gb = rep.use("SB_GB");
    NextpnrReport.Use pll = rep.use("ICESTORM_PLL");
    List<ResourceUse> res = new ArrayList<>(List.of(
        new ResourceUse("logicCells", lc.used(), part.luts(), "nextpnr ICESTORM_LC (a LUT4 and/or a flip-flop each)"),
        new ResourceUse("lut4", r.luts(), part.luts(), "yosys stat SB_LUT4" + (abc9 ? " (synth_ice40 -abc9)" : "")),
        new ResourceUse("flipFlops", r.flipFlops(), part.flipFlops(), "yosys stat SB_DFF*"),
        new ResourceUse("carries", r.carries(), -1, "yosys stat SB_CARRY (inside logic cells)"),
        new ResourceUse("blockRams", ram.used(), part.blockRams(), "nextpnr ICESTORM_RAM (4 kbit EBR)"),
        new ResourceUse("sprams", spram.used(), part.sprams(), "nextpnr ICESTORM_SPRAM (256 kbit)"),
        new ResourceUse("dsps", dsp.used(), part.dsps(),
            "nextpnr ICESTORM_DSP (SB_MAC16)" + (dspNote == null ? "" : dspNote)),
        new ResourceUse("io", io.used(), board.packageIo(), "nextpnr SB_IO vs " + board.packageName() + " user I/O"),
        new ResourceUse("globalBuffers", gb.used(), gb.available(), "nextpnr SB_GB")));
    if (pll.used() > 0) {
      // only when used: a design without a PLL reports as it did before PLLs
      res.add(new ResourceUse("plls", pll.used(), pll.available(), "nextpnr ICESTORM_PLL (SB_PLL40_*)"));
    }
    return new Utilization(top, board.name(), part.name(), res);
  }

  private static Timing timing(String top, Board board, double target, FlowOptions opts, NextpnrReport rep) {
    List<ClockTiming> clocks = new ArrayList<>();
    for (Map.Entry<String, NextpnrReport.ClockFmax> e : rep.fmax().entrySet()) {
      clocks.add(new ClockTiming(NextpnrReport.clockName(e.getKey()), e.getKey(),
          ResourceUse.round(e.getValue().achievedMhz(), 2), ResourceUse.round(e.getValue().constraintMhz(), 2)));
    }
    return new Timing(top, board.name(), ResourceUse.round(target, 3), opts.seed(), opts.allowTimingFail(), clocks,
        opts.coreClock().filter(CoreClock::usesPll));
  }

  /**
   * A hint when nextpnr refuses a PLL because of where the board clock arrives: the board file's
   * {@code pllPads} decides between SB_PLL40_PAD and SB_PLL40_CORE.
   */
  static String pllHint(String nextpnrLog, Board board) {
    String pin = board.signal(board.clock()).map(BoardSignal::pin).orElse("?");
    if (nextpnrLog.contains("Did you mean to use a PAD PLL")) {
      return " (the clock pin " + pin + " of " + board.name() + " feeds a PLL directly: list it in the board's "
          + "pllPads so the top uses SB_PLL40_PAD)";
    }
    if (nextpnrLog.contains("is not connected to any PLL BEL")) {
      return " (the clock pin " + pin + " of " + board.name() + " is not a PLL pad: remove it from the board's "
          + "pllPads so the top uses SB_PLL40_CORE)";
    }
    return "";
  }

  /**
   * Resources nextpnr's "Device utilisation" table (in its log) reports above 100 %, e.g.
   * {@code ICESTORM_LC:  6742/ 5280   127%}; empty if none (or no table).
   */
  /**
   * The resources synthesis needs beyond the part (or the package's pins): every one over budget, so a
   * refusal names them all. Logic cells are a lower bound here (one cell holds a LUT4 and a flip-flop, so
   * at least max(LUT4, FF)); nextpnr's packing gives the exact count when the rest fits.
   */
  static List<ResourceUse> capacityOverflows(Board board, YosysStat.Resources r, long ioBits) {
    Part part = board.part();
    List<ResourceUse> need = List.of(
        new ResourceUse("lut4", r.luts(), part.luts(), "yosys stat SB_LUT4"),
        new ResourceUse("logicCells", Math.max(r.luts(), r.flipFlops()), part.luts(),
            "lower bound from yosys stat: one cell per LUT4 or flip-flop"),
        new ResourceUse("flipFlops", r.flipFlops(), part.flipFlops(), "yosys stat SB_DFF*"),
        new ResourceUse("blockRams", r.blockRams(), part.blockRams(), "yosys stat SB_RAM40_4K"),
        new ResourceUse("sprams", r.sprams(), part.sprams(), "yosys stat SB_SPRAM256KA"),
        new ResourceUse("dsps", r.dsps(), part.dsps(), "yosys stat SB_MAC16"),
        new ResourceUse("io", ioBits, board.packageIo(), "top-level port bits vs " + board.packageName() + " user I/O"));
    return need.stream().filter(ResourceUse::overflows).toList();
  }

  static List<ResourceUse> packedOverflows(String nextpnrLog) {
    List<ResourceUse> over = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "(?m)^Info:\\s+([A-Z0-9_]+):\\s+(\\d+)/\\s*(\\d+)\\s+\\d+%").matcher(nextpnrLog);
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (m.find()) {
      long used = Long.parseLong(m.group(2));
      long avail = Long.parseLong(m.group(3));
      if (used > avail && seen.add(m.group(1))) {
        String name = m.group(1).equals("ICESTORM_LC") ? "logicCells" : m.group(1);
        over.add(new ResourceUse(name, used, avail, "nextpnr packing, " + m.group(1)));
      }
    }
    return over;
  }

  private static String firstError(String log) {
    return log.lines().filter(l -> l.startsWith("ERROR")).findFirst().map(String::strip).orElse("see the log");
  }

  private static String num(double mhz) {
    return new java.math.BigDecimal(Double.toString(mhz)).stripTrailingZeros().toPlainString();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static void writeString(Path p, String text) {
    try {
      AtomicFiles.writeString(p, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + p, e);
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  private static void deleteStale(Path... files) {
    for (Path f : files) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove the stale " + f, e);
      }
    }
  }

  private static void moveAtomically(Path from, Path to) {
    try {
      Files.createDirectories(to.toAbsolutePath().getParent());
      try {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + from + " to " + to, e);
    }
  }
}
