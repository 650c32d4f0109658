package dev.spikeforge.flow;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.data.ImageStream;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.train.DesireConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data of a training run: both splits (limited to fixed pseudo-random subsets, then streamed row by
 * row when the request asks for an image stream) and the architecture, checked against them.
 */
record TrainData(Dataset train, Dataset test, int[] sizes) {
  /** Loads the splits of {@code q} and resolves its architecture. */
  static TrainData load(TrainRequest q) {
    Dataset train = streamed(q, limited(split(q, Split.TRAIN), q.trainLimit()));
    Dataset test = streamed(q, limited(split(q, Split.TEST), q.testLimit()));
    // before any training: a test set of another shape used to fail only after the first epoch
    ConfigException.require(test.size() == 0 || channels(test) == channels(train), "dataset",
        "'" + q.dataset() + "': its test set " + test.name() + " has " + channels(test)
            + " values per sample but its training set " + train.name() + " has " + channels(train)
            + (q.dataDir() == null ? "" : " (files in " + q.dataDir() + ")") + "; the two splits must match");
    return new TrainData(train, test, architecture(q, train));
  }

  /** The data description of the run's fingerprint (config.json's {@code data}), in this key order. */
  Map<String, Object> description(TrainRequest q) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("dataset", q.dataset());
    data.put("encoder", train.isTemporal() ? "none" : q.encoderSpec().toString());
    if (q.delayPattern() != null) {
      data.put("delayPattern", q.delayPattern().toString());
    }
    if (q.imageStream() != null) {
      data.put("imageStream", q.imageStream().toString());
    }
    return data;
  }

  /** {@code 784-1000-100-10}. */
  String arch() {
    return String.join("-", Arrays.stream(sizes).mapToObj(Integer::toString).toList());
  }

  private static Dataset split(TrainRequest q, Split split) {
    if (q.delayPattern() == null) {
      return DatasetCatalog.load(q.dataset(), split, q.dataDir());
    }
    DelayPatternTask task = new DelayPatternTask(q.delayPattern());
    return split == Split.TRAIN ? task.trainSet(DatasetCatalog.DELAY_PATTERN_TRAIN)
        : task.testSet(DatasetCatalog.DELAY_PATTERN_TEST);
  }

  /** The images as a row-by-row spike stream, if the request asks for one. */
  private static Dataset streamed(TrainRequest q, Dataset images) {
    if (q.imageStream() == null) {
      return images;
    }
    try {
      return new ImageStream(q.imageStream()).apply(images);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("imageStream", e.getMessage().replaceFirst("^image stream: ", ""));
    }
  }

  /** A fixed pseudo-random subset: some datasets are stored ordered by class. */
  private static Dataset limited(Dataset d, Integer limit) {
    return limit == null ? d : d.shuffled(TrainRequest.LIMIT_SEED).slice(0, Math.min(limit, d.size()));
  }

  private static int[] architecture(TrainRequest q, Dataset train) {
    String a = q.arch();
    if (a == null) {
      a = switch (q.dataset()) {
        case "fashion-mnist" -> "784-1000-100-10";
        case "mnist-subset" -> "784-1600-800-10";
        default -> throw new ConfigException("arch", "is required for dataset " + q.dataset() + ", e.g. "
            + channels(train) + "-100-" + train.classes());
      };
    }
    int[] sizes;
    try {
      sizes = DesireConfig.parseArch(a);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("arch", e.getMessage().replaceFirst("^arch: ", ""));
    }
    ConfigException.require(Arrays.stream(sizes).allMatch(s -> s >= 1), "arch", "sizes must be positive: " + a);
    ConfigException.require(sizes[0] == channels(train), "arch", "starts with " + sizes[0] + " inputs but dataset "
        + q.dataset() + " has " + channels(train) + " input channels");
    ConfigException.require(sizes[sizes.length - 1] >= train.classes(), "arch", "ends with " + sizes[sizes.length - 1]
        + " outputs but dataset " + q.dataset() + " has " + train.classes() + " classes");
    return sizes;
  }

  private static int channels(Dataset d) {
    return d.isTemporal() ? d.raster(0).channels() : d.sampleLength();
  }
}
