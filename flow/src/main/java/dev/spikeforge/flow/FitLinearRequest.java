package dev.spikeforge.flow;

import dev.spikeforge.golden.data.DatasetCatalog;
import java.nio.file.Path;

/**
 * A one-layer spiking classifier fitted in closed form on a training slice, quantized and written
 * ({@link Flow#fitLinear}): what {@code spikeforge model fit-linear} takes, option for option. Field
 * names are the options' names in camel case; a {@link ConfigException} names the field.
 *
 * <pre>{@code
 * FitLinearReport r = Flow.fitLinear(FitLinearRequest.of("mnist-subset", Path.of("linear.json")),
 *     FlowEvents.quiet());
 * }</pre>
 *
 * @param dataset       a name of {@link DatasetCatalog#NAMES}; its training split is used
 * @param dataDir       directory of the dataset's files, or null for where the package installs them
 * @param offset        samples skipped first
 * @param limit         at most this many samples, or null for all
 * @param timesteps     T
 * @param ridge         L2 regularisation, positive
 * @param weightWidth   signed weight bits of the quantized network
 * @param membraneWidth signed membrane bits of the quantized network
 * @param output        the integer network to write
 */
public record FitLinearRequest(String dataset, Path dataDir, int offset, Integer limit, int timesteps, double ridge,
    int weightWidth, int membraneWidth, Path output) {
  /** Validates what can be checked without reading the data. */
  public FitLinearRequest {
    DataSlice.validate(dataset, "train", offset, limit, null);
    ConfigException.require(ridge > 0, "ridge", "must be positive, got " + ridge);
    ConfigException.require(output != null, "output", "is missing; give the network file to write");
  }

  /** The training split of {@code dataset}, with the defaults of {@code spikeforge model fit-linear}. */
  public static FitLinearRequest of(String dataset, Path output) {
    return new FitLinearRequest(dataset, null, 0, null, 20, 10.0, 8, 16, output);
  }

  /** The same, on at most {@code n} samples. */
  public FitLinearRequest withLimit(Integer n) {
    return new FitLinearRequest(dataset, dataDir, offset, n, timesteps, ridge, weightWidth, membraneWidth, output);
  }
}
