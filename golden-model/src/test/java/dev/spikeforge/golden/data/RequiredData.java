package dev.spikeforge.golden.data;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a dataset installed outside the repository: in CI ({@code CI=true}) a missing
 * dataset fails the test with the message; elsewhere the test is aborted (reported as skipped).
 */
final class RequiredData {
  private RequiredData() {}

  static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Fails (CI) or aborts (elsewhere) unless {@code available}. */
  static void require(boolean available, String message) {
    if (available) {
      return;
    }
    if (inCi()) {
      fail("CI=true and a required dataset is missing: " + message);
    }
    Assumptions.abort(message + " (set CI=true to make this a failure)");
  }
}
