package dev.spikeforge.cli;

import dev.spikeforge.boards.Board;
import dev.spikeforge.boards.Boards;
import dev.spikeforge.boards.flow.CoreClock;
import dev.spikeforge.boards.flow.FlowOptions;
import dev.spikeforge.boards.flow.FlowResult;
import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.flow.Bitstreams;
import dev.spikeforge.flow.Clocks;
import dev.spikeforge.flow.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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

  @Option(names = "--input", defaultValue = "spikes", paramLabel = "spikes|pixels", description = {
      "spikes: the board takes one spike frame per time step (SPARSE/BITMAP, link version 2 or 3) at 115200 baud;",
      "pixels: one PIXELS frame per image (link version 4), encoded on chip with the network's encoder, at 3, 2 or 1 "
          + "Mbaud (the fastest the core clock makes with >= 8 clocks per bit and <= 1 %% error). Default: ${DEFAULT-VALUE}."})
  String input;

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
    boolean pixels = switch (input) {
      case "spikes" -> false;
      case "pixels" -> true;
      default -> throw new UserException("--input must be spikes or pixels, not '" + input + "'");
    };
    FlowResult r = Bitstreams.build(b, bd, opts, new CliEvents(out), pixels);
    Path bin = r.requireBitstream();
    out.println("  bitstream " + bin + "; reports in " + build.resolve("reports"));
    return 0;
  }

  /** The core clock of {@code --freq MHZ} on {@code bd}; a frequency the PLL cannot make is a usage error. */
  private static CoreClock coreClock(Board bd, Double freqMhz) {
    try {
      return Clocks.coreClock(bd, freqMhz);
    } catch (ConfigException e) {
      throw new UserException("--freq " + e.problem());
    }
  }
}
