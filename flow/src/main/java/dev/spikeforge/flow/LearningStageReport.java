package dev.spikeforge.flow;

/**
 * What the demo's on-chip learning stage found ({@link Flow#learningStage}).
 *
 * @param arch      the learning core's network, e.g. {@code 784-32-10}
 * @param verify    the learning verification (samples bit-exact, clocks, wall time)
 * @param inference memory of the inference-only core of the same network
 * @param learning  memory of the learning core: weight words of B + E bits, spike histories, desire terms
 * @param seconds   wall time of the stage (compile, verification)
 */
public record LearningStageReport(String arch, LearnVerifyReport verify, Memory inference, Memory learning,
    double seconds) {
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
