package dev.spikeforge.flow;

import dev.spikeforge.golden.data.DatasetCatalog;
import java.nio.file.Path;
import java.util.List;

/**
 * A build directory's RTL against the golden model ({@link Flow#verify(VerifyRequest, FlowEvents)}): what
 * {@code spikeforge verify} takes, option for option. Without a dataset the stimulus is the build's smoke
 * vectors, then seeded Poisson spikes. Field names are the options' names in camel case; a
 * {@link ConfigException} names the field.
 *
 * <pre>{@code
 * VerifyReport r = Flow.verify(VerifyRequest.of(Path.of("build/model")).withImages(4), FlowEvents.quiet());
 * }</pre>
 *
 * @param dir       a build directory made by {@code spikeforge compile}
 * @param images    samples to verify, or null for the build's smoke vectors (and all of a dataset slice)
 * @param sim       {@code verilator}, {@code icarus} or {@code both}
 * @param stallSeed 0: full-rate streams; otherwise the seed of random stalls on in.valid and out.ready
 * @param dataset   a name of {@link DatasetCatalog#NAMES} to take the stimulus from, or null for Poisson spikes
 * @param dataDir   directory of the dataset's files, or null for where the package installs them
 * @param split     {@code train} or {@code test}
 * @param offset    samples skipped first
 * @param limit     at most this many samples, or null for {@code images}
 * @param encoder   an {@link dev.spikeforge.golden.spec.EncoderSpec} text, or null for the one recorded in the
 *                  build's network (what it was trained and compiled for: the default)
 * @param seed      seed of the Poisson encoder
 * @param threads   simulator processes at a time (batches of samples), or null for one per core
 */
public record VerifyRequest(Path dir, Integer images, String sim, int stallSeed, String dataset, Path dataDir,
    String split, int offset, Integer limit, String encoder, long seed, Integer threads) {
  /** Most samples one verification takes (each is traced in the golden model and kept until compared). */
  public static final int MAX_IMAGES = 1_000_000;

  /** The simulator choices by name. */
  public static final List<String> SIMS = List.of("verilator", "icarus", "both");

  /** Validates what can be checked without reading the build directory or the data. */
  public VerifyRequest {
    ConfigException.require(SIMS.contains(sim), "sim", "must be verilator, icarus or both, not '" + sim + "'");
    ConfigException.require(images == null || images >= 1 && images <= MAX_IMAGES, "images",
        "must be in 1.." + MAX_IMAGES + ", got " + images);
    ThreadCount.check(threads);
    ConfigException.require(dir != null, "dir", "is missing; give a build directory made by 'spikeforge compile'");
    if (dataset != null) {
      DataSlice.validate(dataset, split, offset, limit, encoder);
    }
  }

  /** {@code dir} on its smoke vectors in Verilator, as {@code spikeforge verify DIR} does. */
  public static VerifyRequest of(Path dir) {
    return new VerifyRequest(dir, null, "verilator", 0, null, null, "test", 0, null, null, 1, null);
  }

  /** The same on {@code n} samples. */
  public VerifyRequest withImages(Integer n) {
    return new VerifyRequest(dir, n, sim, stallSeed, dataset, dataDir, split, offset, limit, encoder, seed, threads);
  }

  /** The same in the simulators {@code s} ({@code verilator}, {@code icarus} or {@code both}). */
  public VerifyRequest withSim(String s) {
    return new VerifyRequest(dir, images, s, stallSeed, dataset, dataDir, split, offset, limit, encoder, seed, threads);
  }

  /** The same with the stimulus from the test split of {@code name}. */
  public VerifyRequest withDataset(String name) {
    return new VerifyRequest(dir, images, sim, stallSeed, name, dataDir, split, offset, limit, encoder, seed, threads);
  }

  /** The same with {@code t} simulator processes at a time (null: one per core). */
  public VerifyRequest withThreads(Integer t) {
    return new VerifyRequest(dir, images, sim, stallSeed, dataset, dataDir, split, offset, limit, encoder, seed, t);
  }

  /** {@link #threads()}, with null resolved to the machine's cores. */
  public int threadCount() {
    return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
  }
}
