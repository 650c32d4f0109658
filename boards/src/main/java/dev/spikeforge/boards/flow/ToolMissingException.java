package dev.spikeforge.boards.flow;

/** A required external tool is not installed; the message names it and how to install it. */
public final class ToolMissingException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String tool;

  public ToolMissingException(String tool, String message) {
    super(message);
    this.tool = tool;
  }

  /** The missing executable, e.g. {@code nextpnr-ice40}. */
  public String tool() {
    return tool;
  }
}
