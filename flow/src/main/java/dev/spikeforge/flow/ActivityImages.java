package dev.spikeforge.flow;

import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.StimulusFile;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.DatasetNotFoundException;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.sim.SpikeRaster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The inputs the report measures spike rates and membranes on, always the build's own: a flow's
 * verification images (the first test images of its dataset, rate-coded at the network's T, as the
 * verify step encodes them), at most {@value #MAX_IMAGES}; otherwise the build directory's smoke
 * vectors ({@code vectors/smoke.stim}, seeded Poisson spikes written by compile).
 *
 * @param inputs      the spike trains
 * @param description which images, in words, for the report
 */
record ActivityImages(List<SpikeRaster> inputs, String description) {
  /** The most images measured (a report stays quick even after a 10,000-image verification). */
  static final int MAX_IMAGES = 256;

  /**
   * The images of {@code r}; {@code test} is the flow's test split when the caller holds it (null:
   * loaded here from the build config's dataset).
   */
  static ActivityImages of(BuildRecords r, Dataset test) {
    if (r.config == null) {
      String why = r.kind == BuildRecords.Kind.FLOW ? "the build config (" + BuildRecords.CONFIG + ") is not recorded,"
          + " so its verification images are unknown" : "a compile build records no dataset images";
      return smoke(r, why);
    }
    BuildConfig c = r.config;
    Dataset t = test;
    if (t == null) {
      try {
        t = DatasetCatalog.load(c.data().dataset(), Split.TEST,
            c.data().dataDir() == null ? null : Path.of(c.data().dataDir()));
        Integer limit = c.data().testLimit(); // as the flow cuts it (BuildContext.test)
        t = t.slice(0, limit == null ? t.size() : Math.min(limit, t.size()));
      } catch (DatasetNotFoundException e) {
        return smoke(r, "the build's dataset is not installed here (" + e.getMessage() + ")");
      }
    }
    int verified = Math.min(c.verify().images(), t.size());
    int n = Math.min(verified, MAX_IMAGES);
    List<SpikeRaster> in = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      in.add(t.encode(i, SpikeEncoder.of(r.network.encoder()), r.network.timesteps()));
    }
    String which = n == verified ? String.format(Locale.ROOT, "the first %,d", n)
        : String.format(Locale.ROOT, "the first %,d of the %,d", n, verified);
    return new ActivityImages(in, String.format(Locale.ROOT, "%s %s test images, the build's verification images%s"
        + " (encoder %s, T = %d, as the verify step encodes them)", which, TrainStep.displayName(c.data()),
        c.verify().enabled() ? "" : " (the images its verify step checks; that step did not run in this build)",
        r.network.encoder(), r.network.timesteps()));
  }

  private static ActivityImages smoke(BuildRecords r, String why) {
    Path f = r.build.resolve(BuildDirectory.SMOKE_STIMULUS);
    List<StimulusFile.Sample> samples = StimulusFile.read(f);
    List<SpikeRaster> in = new ArrayList<>();
    for (StimulusFile.Sample s : samples.subList(0, Math.min(MAX_IMAGES, samples.size()))) {
      in.add(s.spikes());
    }
    String seed = r.compileConfig == null ? "" : ", seed " + r.compileConfig.path("smokeSeed").asText();
    return new ActivityImages(in, String.format(Locale.ROOT, "the build's %,d smoke vectors (%s: seeded Poisson spike"
        + " trains written by compile%s), not dataset images: %s", in.size(), BuildDirectory.SMOKE_STIMULUS, seed,
        why));
  }
}
