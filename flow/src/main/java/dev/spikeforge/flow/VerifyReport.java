package dev.spikeforge.flow;

import dev.spikeforge.testbenches.CoreVerifier;
import java.nio.file.Path;

/**
 * What {@link Flow#verify(VerifyRequest, FlowEvents)} found.
 *
 * @param dir         the build directory
 * @param network     its network's name
 * @param networkHash its network's content hash
 * @param samples     samples run through each simulator
 * @param report      each simulator's comparison with the golden model
 */
public record VerifyReport(Path dir, String network, String networkHash, int samples, CoreVerifier.Report report) {
  /** Whether every simulator matched the golden model on every sample. */
  public boolean passed() {
    return report.passed();
  }

  /** {@code reports/verify.json}, or on a mismatch the directory of the mismatch files. */
  public Path reports() {
    return dir.resolve("reports");
  }
}
