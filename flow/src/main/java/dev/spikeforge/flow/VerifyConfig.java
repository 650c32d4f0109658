package dev.spikeforge.flow;

/**
 * The verify step: the RTL against the golden model in Verilator, bit for bit, on test images.
 *
 * @param enabled whether the step runs (it needs Verilator)
 * @param images  test images verified (the first ones)
 */
public record VerifyConfig(boolean enabled, int images) {

  /** Validates. */
  public VerifyConfig {
    ConfigException.require(images >= 1, "verify.images", "must be at least 1, got " + images);
  }

  /** The step on {@code images} images. */
  public static VerifyConfig of(int images) {
    return new VerifyConfig(true, images);
  }

  /** The step left out. */
  public VerifyConfig disabled() {
    return new VerifyConfig(false, images);
  }
}
