package dev.spikeforge.bench;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.ImageStream;
import dev.spikeforge.golden.data.ImageStreamParams;
import dev.spikeforge.golden.data.Split;

/**
 * The row-by-row image stream of a packaged dataset as the three-factor benchmarks train on it: fixed
 * pseudo-random subsets of both splits (the same as {@code spikeforge train --train-limit/--test-limit},
 * seed 0), streamed by {@link ImageStream}.
 *
 * @param dataset {@code fashion-mnist} or {@code mnist-subset} (a {@link DatasetCatalog} name of 2-D images)
 * @param stream how an image becomes spikes
 * @param trainSize training images, 1 .. the split's size
 * @param testSize test images, 1 .. the split's size
 */
record ImageStreamData(String dataset, ImageStreamParams stream, int trainSize, int testSize) {
  /** Seed of the order the subsets are the first images of ({@code TrainRequest.LIMIT_SEED}). */
  static final long SUBSET_SEED = 0;

  ImageStreamData {
    if (trainSize < 1 || testSize < 1) {
      throw new IllegalArgumentException("image stream data: train and test sizes must be positive, got " + trainSize
          + " / " + testSize);
    }
  }

  /** The first {@code trainSize} training images of the subset order. */
  Dataset train() {
    return load(Split.TRAIN, 0, trainSize);
  }

  /** {@code size} training images after the training subset (disjoint from it): a validation set. */
  Dataset validation(int size) {
    return load(Split.TRAIN, trainSize, trainSize + size);
  }

  /** The first {@code testSize} test images of the subset order. */
  Dataset test() {
    return load(Split.TEST, 0, testSize);
  }

  private Dataset load(Split split, int from, int to) {
    Dataset all = DatasetCatalog.load(dataset, split, null);
    if (to > all.size()) {
      throw new IllegalArgumentException("image stream data: " + to + " " + split + " images needed, " + dataset
          + " has " + all.size());
    }
    return new ImageStream(stream).apply(all.shuffled(SUBSET_SEED).slice(from, to));
  }
}
