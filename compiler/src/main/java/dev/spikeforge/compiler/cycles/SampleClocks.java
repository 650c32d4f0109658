package dev.spikeforge.compiler.cycles;

/**
 * When one sample passes through the core in a full-rate stream, in clocks after reset (the stream
 * harness's cycle numbers).
 *
 * @param firstBeat the clock the core's input queue took the sample's first beat (the harness's
 *     {@code B} record); for every sample but the first this falls in the previous sample's last step
 * @param lastBeat the clock the input queue took the sample's last beat (its last endOfStep)
 * @param clear the clock the scheduler launched the sample's clear (its first clock in {@code sClear})
 * @param out the clock of the sample's output beat ({@code out.valid}, taken at once)
 * @param discardedBeats input beats the core consumed and dropped after a FIRST_TO_FIRE early exit
 * @param next the clock the next sample's clear is launched (the end of the run after the last sample)
 */
public record SampleClocks(long firstBeat, long lastBeat, long clear, long out, long discardedBeats, long next) {
  /** Clocks from the clear to the output beat: the sample's latency on an idle core. */
  public long latency() {
    return out - clear;
  }

  /** Clocks from the first input beat to the output beat, as the stream harness measures a sample. */
  public long harnessClocks() {
    return out - firstBeat;
  }

  /**
   * The stream harness's end of a run whose last sample this is: the clock after both the output
   * beat and the last input beat were taken.
   */
  public long harnessEnd() {
    return Math.max(out, lastBeat) + 1;
  }

  /** Clocks this sample occupies the core in a back-to-back stream: latency, the out clock, the discard. */
  public long period() {
    return next - clear;
  }
}
