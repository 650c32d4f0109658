package dev.spikeforge.boards.flow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@link BitstreamFlow#run} produced.
 *
 * @param design       top module
 * @param board        board short name
 * @param bitstream    {@code bitstream/<board>.bin}, or empty when timing failed and a bitstream
 *                     was not allowed ({@link FlowOptions#allowTimingFail()})
 * @param utilization  resources used (also {@code reports/utilization.json})
 * @param timing       post-route timing (also {@code reports/timing.json})
 * @param power        power estimate (also {@code reports/power.json})
 * @param workDir      intermediate files and tool logs ({@code bitstream/<board>/})
 * @param yosysTime    synthesis wall time (not written to any artefact: it varies run to run); zero when the
 *                     netlist was reused ({@link FlowOptions#reuseSynthesis()})
 * @param nextpnrTime  place-and-route wall time
 * @param icepackTime  packing wall time (zero if not packed)
 */
public record FlowResult(String design, String board, Optional<Path> bitstream, Utilization utilization,
    Timing timing, PowerEstimate power, Path workDir, Duration yosysTime, Duration nextpnrTime,
    Duration icepackTime) {

  /** Whether every clock meets its target. */
  public boolean timingMet() {
    return timing.met();
  }

  /**
   * The bitstream.
   *
   * @throws FlowException saying that timing failed and how to get a bitstream anyway
   */
  public Path requireBitstream() {
    return bitstream.orElseThrow(() -> new FlowException(String.format(java.util.Locale.ROOT,
        "%s on %s misses timing: Fmax %.2f MHz < target %.2f MHz, so no bitstream was written; see %s. "
            + "Lower the target frequency, or allow timing failure to get a bitstream anyway.",
        design, board, timing.worstFmaxMhz(), timing.targetMhz(), workDir.resolve("nextpnr.log"))));
  }
}
