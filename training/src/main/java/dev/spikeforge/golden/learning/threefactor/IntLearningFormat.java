package dev.spikeforge.golden.learning.threefactor;

/**
 * Every width and fraction-bit count of the integer three-factor rule (docs/learning.md (Part II),
 * table "integer form"). Learning rates are powers of two, {@code η = 2^lrLog2} in the float
 * form's units; {@link #weightShift} and {@link #delayShift} give the right shift that implements
 * the same rate on the integer quantities, so both forms follow the same rule.
 *
 * @param weightFracBits F_w: extra fraction bits of a shadow weight (shadow width = weightWidth + F_w)
 * @param delayFracBits F_d: fraction bits of a shadow delay
 * @param psiShift surrogate LUT bin width {@code 2^psiShift} membrane units
 * @param psiHalf surrogate LUT entries on each side of the threshold
 * @param psiFracBits P_ψ: fraction bits of a surrogate entry (ψ = 1 ↦ 2^P_ψ)
 * @param traceFracBits F_x: fraction bits of the presynaptic trace (a spike adds 2^F_x)
 * @param derivFracBits P_g: fraction bits of a Gaussian-derivative FIR tap
 * @param outputFracBits F_y: fraction bits of the output estimate π (0 when κ = 1: π is a count)
 * @param eligibilityWidth A: signed width of every eligibility accumulator (saturating), 16..62
 * @param feedbackWidth signed width of a random feedback entry, 2..16
 * @param roundingBits K: 0 rounds every update shift HALF_EVEN (today's integer form); 1..32 rounds it
 *     stochastically with {@code nextBits(K)} of the layer's LFSR stream ({@code Fx.shiftRightStochastic};
 *     the hardware form only, docs/learning.md Part II §9)
 */
public record IntLearningFormat(
    int weightFracBits,
    int delayFracBits,
    int psiShift,
    int psiHalf,
    int psiFracBits,
    int traceFracBits,
    int derivFracBits,
    int outputFracBits,
    int eligibilityWidth,
    int feedbackWidth,
    int roundingBits) {

  /** F_w 10, F_d 8, ψ LUT 2×8 entries of bin 2^3 with 8 fraction bits, F_x 8, P_g 6, F_y 0, A 32, B 8 bits, HALF_EVEN. */
  public static final IntLearningFormat DEFAULT = new IntLearningFormat(10, 8, 3, 8, 8, 8, 6, 0, 32, 8);

  /** Most LFSR bits of one stochastically rounded update. */
  public static final int MAX_ROUNDING_BITS = 32;

  /**
   * The hardware form's widths (docs/learning.md Part II §9): {@link #DEFAULT}'s tables and traces,
   * F_w 8 (a 16-bit shadow word for 8-bit weights), F_d 4, a 24-bit replay accumulator A and K = 16
   * stochastic rounding.
   */
  public static final IntLearningFormat HARDWARE = new IntLearningFormat(8, 4, 3, 8, 8, 8, 6, 0, 24, 8, 16);

  /** A format with HALF_EVEN update rounding (K = 0). */
  public IntLearningFormat(int weightFracBits, int delayFracBits, int psiShift, int psiHalf, int psiFracBits,
      int traceFracBits, int derivFracBits, int outputFracBits, int eligibilityWidth, int feedbackWidth) {
    this(weightFracBits, delayFracBits, psiShift, psiHalf, psiFracBits, traceFracBits, derivFracBits, outputFracBits,
        eligibilityWidth, feedbackWidth, 0);
  }

  public IntLearningFormat {
    check(weightFracBits >= 0 && weightFracBits <= 16, "weightFracBits 0..16");
    check(delayFracBits >= 0 && delayFracBits <= 16, "delayFracBits 0..16");
    check(psiShift >= 0 && psiShift <= 30, "psiShift 0..30");
    check(psiHalf >= 1 && psiHalf <= 1024, "psiHalf 1..1024");
    check(psiFracBits >= 1 && psiFracBits <= 16, "psiFracBits 1..16");
    check(traceFracBits >= 0 && traceFracBits <= 16, "traceFracBits 0..16");
    check(derivFracBits >= 1 && derivFracBits <= 16, "derivFracBits 1..16");
    check(outputFracBits >= 0 && outputFracBits <= 16, "outputFracBits 0..16");
    check(eligibilityWidth >= 16 && eligibilityWidth <= 62, "eligibilityWidth 16..62");
    check(feedbackWidth >= 2 && feedbackWidth <= 16, "feedbackWidth 2..16");
    check(roundingBits >= 0 && roundingBits <= MAX_ROUNDING_BITS, "roundingBits 0..32 (0 = HALF_EVEN)");
  }

  /** Whether updates round stochastically (K &gt; 0). */
  public boolean stochastic() {
    return roundingBits > 0;
  }

  /** The same widths with K LFSR bits per update (0: HALF_EVEN). */
  public IntLearningFormat withRoundingBits(int k) {
    return new IntLearningFormat(weightFracBits, delayFracBits, psiShift, psiHalf, psiFracBits, traceFracBits,
        derivFracBits, outputFracBits, eligibilityWidth, feedbackWidth, k);
  }

  /** The same format with F_w shadow-weight and F_d shadow-delay fraction bits. */
  public IntLearningFormat withShadowBits(int fw, int fd) {
    return new IntLearningFormat(fw, fd, psiShift, psiHalf, psiFracBits, traceFracBits, derivFracBits,
        outputFracBits, eligibilityWidth, feedbackWidth, roundingBits);
  }

  /** The same format with an A-bit eligibility accumulator. */
  public IntLearningFormat withEligibilityWidth(int a) {
    return new IntLearningFormat(weightFracBits, delayFracBits, psiShift, psiHalf, psiFracBits, traceFracBits,
        derivFracBits, outputFracBits, a, feedbackWidth, roundingBits);
  }

  /**
   * Shift s_W of the weight update for a float rate {@code 2^lrLog2}: {@code L·ē^W} carries
   * {@code F_y + P_ψ + F_x} fraction bits and the shadow weight {@code F_w}, so {@code s_W = F_y +
   * P_ψ + F_x − F_w − lrLog2}.
   */
  public int weightShift(int lrLog2) {
    return nonNegative(outputFracBits + psiFracBits + traceFracBits - weightFracBits - lrLog2, "weight", lrLog2);
  }

  /** Shift s_d of the delay update: {@code L·W·ē^ȳ} carries {@code F_y + P_ψ + P_g} fraction bits, the shadow delay F_d. */
  public int delayShift(int lrLog2) {
    return nonNegative(outputFracBits + psiFracBits + derivFracBits - delayFracBits - lrLog2, "delay", lrLog2);
  }

  /**
   * The record's text, with {@code roundingBits} only when K &gt; 0: runs made before the field existed
   * describe themselves (config.json, fingerprints) byte for byte as before.
   */
  @Override
  public String toString() {
    return "IntLearningFormat[weightFracBits=" + weightFracBits + ", delayFracBits=" + delayFracBits + ", psiShift="
        + psiShift + ", psiHalf=" + psiHalf + ", psiFracBits=" + psiFracBits + ", traceFracBits=" + traceFracBits
        + ", derivFracBits=" + derivFracBits + ", outputFracBits=" + outputFracBits + ", eligibilityWidth="
        + eligibilityWidth + ", feedbackWidth=" + feedbackWidth + (roundingBits > 0 ? ", roundingBits=" + roundingBits
        : "") + "]";
  }

  private static int nonNegative(int s, String what, int lrLog2) {
    if (s < 0 || s > 62) {
      throw new IllegalArgumentException("the " + what + " learning rate 2^" + lrLog2
          + " needs a right shift of " + s + ", outside 0..62; choose a smaller rate or fewer fraction bits");
    }
    return s;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("integer learning format: " + what);
    }
  }
}
