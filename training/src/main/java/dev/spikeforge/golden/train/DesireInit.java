package dev.spikeforge.golden.train;

import dev.spikeforge.golden.spec.SpecException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Initial weights of a desire-backpropagation run that starts from a trained network (fine-tuning)
 * instead of the Kaiming-normal initialisation.
 *
 * @param source where the weights came from (a file name, for messages and config.json)
 * @param weights {@code weights[l][post][pre]} in units of the layer's threshold (the float form's
 *     units; the integer form converts them like its initialisation, docs/learning.md §3.4)
 */
public record DesireInit(String source, double[][][] weights) {
  public DesireInit {
    SpecException.check(source != null && !source.isEmpty(), "init", "missing source name");
    SpecException.check(weights != null && weights.length > 0, "init", "no layers");
    for (double[][] l : weights) {
      for (double[] row : l) {
        for (double w : row) {
          SpecException.check(Double.isFinite(w), "init", source + " holds a weight that is not finite");
        }
      }
    }
  }

  /** SHA-256 (hex) of the layer sizes and the weights' IEEE bits: what the run's fingerprint records. */
  public String hash() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer b = ByteBuffer.allocate(8);
      for (double[][] l : weights) {
        md.update(b.clear().putInt(l.length).putInt(l.length == 0 ? 0 : l[0].length).array());
        for (double[] row : l) {
          for (double w : row) {
            md.update(b.clear().putLong(Double.doubleToLongBits(w)).array());
          }
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Checks that the weights fit the architecture {@code sizes} (input size, then layer sizes). */
  void checkShape(int[] sizes) {
    SpecException.check(weights.length == sizes.length - 1, "init",
        source + " has " + weights.length + " layers, the run " + (sizes.length - 1));
    for (int l = 0; l < weights.length; l++) {
      int out = weights[l].length;
      int in = out == 0 ? 0 : weights[l][0].length;
      SpecException.check(out == sizes[l + 1] && in == sizes[l], "init", source + " layer " + (l + 1) + " is " + in
          + "->" + out + ", the run's is " + sizes[l] + "->" + sizes[l + 1]);
    }
  }
}
