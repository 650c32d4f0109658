package dev.spikeforge.testbenches;

import dev.spikeforge.toolchain.ToolMissingException;
import dev.spikeforge.toolchain.Tools;
import org.junit.jupiter.api.Assumptions;

/**
 * Tool checks for tests. With {@code CI=true} a missing simulator fails the test (CI must never
 * skip silently); elsewhere the test is skipped with the same message. Call the {@code require}
 * methods from {@code @BeforeEach}, so that every test reports its own skip or failure.
 */
final class SimTools {
  private SimTools() {}

  /** Whether Verilator (with make and g++) and Icarus are all installed; never throws. */
  static boolean verilatorAndIcarusInstalled() {
    try {
      Tools.system().requireVerilator();
      Tools.system().requireIcarus();
      return true;
    } catch (ToolMissingException e) {
      return false;
    }
  }

  static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Verilator (with make and g++) and Icarus. */
  static void requireVerilatorAndIcarus() {
    require(() -> {
      Tools.system().requireVerilator();
      Tools.system().requireIcarus();
    });
  }

  static void requireVerilator() {
    require(Tools.system()::requireVerilator);
  }

  private static void require(Runnable check) {
    try {
      check.run();
    } catch (ToolMissingException e) {
      if (inCi()) {
        throw e;
      }
      Assumptions.abort(e.getMessage() + " (skipped outside CI; with CI=true this fails)");
    }
  }
}
