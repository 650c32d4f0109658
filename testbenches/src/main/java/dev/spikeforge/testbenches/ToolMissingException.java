package dev.spikeforge.testbenches;

/** A required external tool is not on PATH; the message names the tool and how to install it. */
public final class ToolMissingException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String tool;

  public ToolMissingException(String tool, String message) {
    super(message);
    this.tool = tool;
  }

  /** The missing executable's name, e.g. {@code verilator}. */
  public String tool() {
    return tool;
  }
}
