package dev.spikeforge.flow;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.Split;
import java.nio.file.Path;

/** The slice of a dataset's split that a request names; an offset outside it names the {@code offset} field. */
final class DataSlice {
  private DataSlice() {}

  /** Samples {@code offset ..} of the split, at most {@code limit} of them (null: all). */
  static Dataset load(String dataset, String split, Path dataDir, int offset, Integer limit) {
    Dataset d = DatasetCatalog.load(dataset, split.equals("train") ? Split.TRAIN : Split.TEST, dataDir);
    ConfigException.require(offset >= 0 && offset <= d.size(), "offset", offset + " is outside 0.." + d.size());
    int end = limit == null ? d.size() : Math.min(d.size(), offset + limit);
    return d.slice(offset, end);
  }

  /** Checks the fields every dataset-reading request shares, naming the one at fault. */
  static void validate(String dataset, String split, int offset, Integer limit, String encoder) {
    ConfigException.require(dataset != null && DatasetCatalog.NAMES.contains(dataset), "dataset",
        "'" + dataset + "' is unknown; choose one of " + String.join(", ", DatasetCatalog.NAMES));
    ConfigException.require("train".equals(split) || "test".equals(split), "split",
        "must be train or test, not '" + split + "'");
    ConfigException.require(limit == null || limit >= 1, "limit", "must be positive, got " + limit);
    EncoderOption.check("encoder", encoder);
  }
}
