package dev.spikeforge.nir;

/**
 * A NIR file or graph spikeforge cannot read, or a network it cannot write as NIR. The message names
 * the file, the node and the field, and says what would work instead.
 */
public final class NirException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public NirException(String message) {
    super(message);
  }

  public NirException(String message, Throwable cause) {
    super(message, cause);
  }

  /** An error about one node of the graph: {@code node 'NAME' (TYPE): message}. */
  static NirException at(NirNode node, String message) {
    return new NirException("node '" + node.name() + "' (" + node.type() + "): " + message);
  }
}
