package dev.spikeforge.nir;

import java.nio.file.Path;

/**
 * What {@code spikeforge nir export} does: read a spikeforge model (integer {@code
 * spikeforge.network} or float {@code spikeforge.float-network}) and write it as a NIR file.
 *
 * @param model the model file
 * @param output the NIR file to write
 * @param discretisation the step and rule other tools should use to get spikeforge's leak back
 */
public record NirExportRequest(Path model, Path output, Discretisation discretisation) {
  public NirExportRequest {
    if (model == null || output == null || discretisation == null) {
      throw new NirException("nir export needs a model, -o OUTPUT and a discretisation");
    }
  }
}
