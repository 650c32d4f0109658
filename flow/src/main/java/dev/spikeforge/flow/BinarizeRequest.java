package dev.spikeforge.flow;

import dev.spikeforge.golden.data.DatasetCatalog;
import java.nio.file.Path;
import java.util.List;

/**
 * The layers of a model to binarize, chosen by the accuracy-loss estimator, and the model written with
 * them binarized ({@link Flow#binarize}): what {@code spikeforge binarize} takes, option for option. Field
 * names are the options' names in camel case; a {@link ConfigException} names the field.
 *
 * <pre>{@code
 * BinarizeReport r = Flow.binarize(BinarizeRequest.budget(Path.of("float-model.json"), "mnist-subset", 0.5,
 *     Path.of("binarized.json")).withLimit(200), FlowEvents.quiet());
 * }</pre>
 *
 * @param model        float model (spikeforge.float-network JSON, an npy directory, a training output
 *                     directory: {@link dev.spikeforge.golden.io.ModelFiles}), or an integer model (layers then
 *                     binarized in the integer domain, widths kept)
 * @param dataset      a name of {@link DatasetCatalog#NAMES}: the validation data
 * @param dataDir      directory of the dataset's files, or null for where the package installs them
 * @param split        {@code train} or {@code test}
 * @param offset       samples skipped first
 * @param limit        at most this many samples, or null for all
 * @param encoder      an {@link dev.spikeforge.golden.spec.EncoderSpec} text, or null for the one the model records
 * @param seed         seed of the Poisson encoder
 * @param layers       candidate layers, or null for every DENSE layer
 * @param budget       weight memory must shrink to at most this fraction (exactly one of budget, tolerance)
 * @param tolerance    accuracy may drop by at most this many points
 * @param weightBits   float models: weights of the layers kept multi-bit, or null for 4
 * @param membraneBits float models: membrane width, or null for 16
 * @param threads      worker threads, or null for all cores
 * @param output       the integer model to write
 * @param scale        float models: scale rule of the multi-bit layers, {@code max-abs}, {@code power-of-two},
 *                     {@code percentile:P} or {@code calibrate}, or null for {@code calibrate} (chosen on the
 *                     unbinarized network)
 * @param calibrationImages float models: the scale calibration and the quantization check run on the last this
 *                     many images of the dataset's training split
 * @param maxDrop      float models: refuse (nothing written) when the integer network's accuracy on the
 *                     calibration images is more than this many points below the binarized float network's (the
 *                     quantization's own loss; the binarization's is the plan's estimate); null: warn only
 */
public record BinarizeRequest(Path model, String dataset, Path dataDir, String split, int offset, Integer limit,
    String encoder, long seed, List<String> layers, Double budget, Double tolerance, Integer weightBits,
    Integer membraneBits, Integer threads, Path output, String scale, int calibrationImages, Double maxDrop) {
  /** Validates what can be checked without reading the model or the data. */
  public BinarizeRequest {
    ConfigException.require((budget == null) != (tolerance == null), "budget",
        "or tolerance: give exactly one of them");
    ConfigException.require(model != null, "model", "is missing; give the float or integer model file");
    ConfigException.require(output != null, "output", "is missing; give the integer model to write");
    DataSlice.validate(dataset, split, offset, limit, encoder);
    ThreadCount.check(threads);
    ConfigException.require(calibrationImages >= 0, "calibrationImages", "must be 0 (no check) or more, got "
        + calibrationImages);
    ConfigException.require(maxDrop == null || (maxDrop >= 0 && maxDrop <= 100), "maxDrop",
        "must be a number of points in [0, 100], got " + maxDrop);
    ScaleRule.check(scale);
    layers = layers == null ? null : List.copyOf(layers);
  }

  /** {@code model} binarized within a weight-memory {@code fraction}, validated on the test split of {@code dataset}. */
  public static BinarizeRequest budget(Path model, String dataset, double fraction, Path output) {
    return new BinarizeRequest(model, dataset, null, "test", 0, null, "rate", 1, null, fraction, null, null, null,
        null, output, null, CalibrationRule.DEFAULT_IMAGES, null);
  }

  /** The same, on at most {@code n} samples. */
  public BinarizeRequest withLimit(Integer n) {
    return new BinarizeRequest(model, dataset, dataDir, split, offset, n, encoder, seed, layers, budget, tolerance,
        weightBits, membraneBits, threads, output, scale, calibrationImages, maxDrop);
  }

  /** The first float-only quantization field given, or null. */
  String quantizationField() {
    return weightBits != null ? "weightBits" : membraneBits != null ? "membraneBits" : scale != null ? "scale"
        : maxDrop != null ? "maxDrop" : null;
  }

  int threadCount() {
    return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
  }
}
