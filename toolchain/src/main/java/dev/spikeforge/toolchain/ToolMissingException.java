package dev.spikeforge.toolchain;

/**
 * A required external tool is not installed or cannot be run; the message names it and the command
 * that installs it (see {@link Tools}).
 */
public final class ToolMissingException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String tool;

  /** A missing {@code tool}; {@code message} names it and how to install it. */
  public ToolMissingException(String tool, String message) {
    super(message);
    this.tool = tool;
  }

  /** The missing executable, e.g. {@code nextpnr-ice40}. */
  public String tool() {
    return tool;
  }
}
