package dev.spikeforge.flow;

import dev.spikeforge.testbenches.LearningVerifier;
import java.nio.file.Path;

/**
 * What {@link Flow#verifyLearning} found.
 *
 * @param dir         the build directory
 * @param network     its network's name
 * @param networkHash its network's content hash
 * @param dataset     the dataset the samples came from (train split, rate-encoded)
 * @param epoch       the epoch of the samples
 * @param first       the first training image (and position)
 * @param report      each simulator's comparison with the golden reference, sample by sample
 * @param seconds     wall time of the whole verification (builds, golden model, simulations, comparison)
 */
public record LearnVerifyReport(Path dir, String network, String networkHash, String dataset, int epoch, int first,
    LearningVerifier.Report report, double seconds) {
  /** Whether every simulator matched the golden model after every sample. */
  public boolean passed() {
    return report.passed();
  }

  /** Samples learned. */
  public int samples() {
    return report.samples();
  }

  /** {@code reports/verify-learn.json}, the record of the run. */
  public Path record() {
    return dir.resolve("reports").resolve(LearnVerifyRun.RECORD);
  }
}
