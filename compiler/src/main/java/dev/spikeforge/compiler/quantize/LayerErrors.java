package dev.spikeforge.compiler.quantize;

import dev.spikeforge.golden.spec.SpecException;

/** Builds errors about one layer: the field path starts at {@code layers[i]}, the message names the layer. */
final class LayerErrors {
  private LayerErrors() {}

  /** An error about {@code field} (relative to the layer, may be empty) of layer {@code index}. */
  static SpecException of(int index, String name, String field, String message) {
    return new SpecException(path(index, field), "layer '" + name + "': " + message);
  }

  /** A spec validation error raised while building layer {@code index}, re-rooted at that layer. */
  static SpecException rethrow(int index, String name, SpecException e) {
    String msg = e.getMessage().substring(e.field().length() + 2);
    SpecException r = new SpecException(path(index, e.field()), "layer '" + name + "': " + msg);
    r.initCause(e);
    return r;
  }

  private static String path(int index, String field) {
    return "layers[" + index + "]" + (field.isEmpty() ? "" : "." + field);
  }
}
