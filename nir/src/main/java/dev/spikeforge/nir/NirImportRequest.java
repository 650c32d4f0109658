package dev.spikeforge.nir;

import dev.spikeforge.golden.spec.ResetMode;
import java.nio.file.Path;

/**
 * What {@code spikeforge nir import} does: read {@code input}, write a spikeforge model to {@code
 * output}. Null fields take their documented defaults (docs/nir.md).
 *
 * @param input the NIR file (HDF5)
 * @param output the model file to write (a float network, or an integer network when the file
 *     carries spikeforge's integer contract in its metadata)
 * @param dt the step in seconds; null = the exporter's (metadata {@code spikeforge_dt}) or {@link
 *     Discretisation#DEFAULT_DT}
 * @param method the integration rule; null = the exporter's or EULER
 * @param reset the reset of every layer; null = the exporter's (metadata {@code spikeforge_reset})
 *     or ZERO (NIR's {@code v_reset = 0})
 * @param timesteps T of the model; null = the exporter's or {@link #DEFAULT_TIMESTEPS}
 * @param name the model name; null = the exporter's or the file name
 * @param strict refuse approximations (CubaLIF) instead of reporting them
 * @param ignoreMetadata read the graph alone, as a tool that knows nothing of spikeforge would
 */
public record NirImportRequest(Path input, Path output, Double dt, Discretisation.Method method, ResetMode reset,
    Integer timesteps, String name, boolean strict, boolean ignoreMetadata) {
  /** Steps per sample when neither the option nor the file gives them. */
  public static final int DEFAULT_TIMESTEPS = 100;

  public NirImportRequest {
    if (input == null || output == null) {
      throw new NirException("nir import needs an input file and -o OUTPUT");
    }
    if (timesteps != null && (timesteps < 1 || timesteps > 65535)) {
      throw new NirException("--timesteps: " + timesteps + " is outside 1..65535");
    }
  }

  /** All defaults. */
  public static NirImportRequest of(Path input, Path output) {
    return new NirImportRequest(input, output, null, null, null, null, null, false, false);
  }
}
