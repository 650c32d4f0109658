package dev.spikeforge.flow;

/**
 * What the demo's on-chip learning stage found ({@link Flow#learningStage}).
 *
 * @param arch      the learning core's network, e.g. {@code 784-32-10}
 * @param verify    the learning verification (samples bit-exact, clocks, wall time)
 * @param inference memory of the inference-only core of the same network
 * @param learning  memory of the learning core: weight words of B + E bits, spike histories, desire terms
 * @param inferenceLogic Yosys' estimate of the inference-only core's logic, or null when not synthesized
 * @param learningLogic  Yosys' estimate of the learning core's logic, or null when not synthesized
 * @param seconds   wall time of the stage (compile, verification, synthesis)
 */
public record LearningStageReport(String arch, LearnVerifyReport verify, Memory inference, Memory learning,
    Logic inferenceLogic, Logic learningLogic, double seconds) {
  /**
   * A core's logic as {@code yosys synth_ice40} counts it before place and route (an ESTIMATE: packing and
   * routing change it).
   *
   * @param luts       SB_LUT4 cells
   * @param flipFlops  flip-flop cells
   * @param blockRams  SB_RAM40_4K cells
   * @param partLuts   LUT4 of the board's part
   */
  public record Logic(long luts, long flipFlops, long blockRams, long partLuts) {}

  /**
   * Memory of a core, from its hardware spec (exact, not a synthesis figure).
   *
   * @param blockRamBits weight bits in block RAM
   * @param spramBits    weight bits in SPRAM
   * @param learningBits bits the learning unit adds besides the weight words (spike histories, desire terms)
   */
  public record Memory(long blockRamBits, long spramBits, long learningBits) {
    public long totalBits() {
      return blockRamBits + spramBits + learningBits;
    }
  }

  public boolean passed() {
    return verify.passed();
  }
}
