package dev.spikeforge.flow;

import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.StimulusFile;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.testbenches.CoreVerifier;
import dev.spikeforge.testbenches.IcarusSimulator;
import dev.spikeforge.testbenches.Simulator;
import dev.spikeforge.testbenches.VerilatorSimulator;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A verification ({@link Flow#verify(VerifyRequest, FlowEvents)}): the build directory checked against its
 * spec, the stimulus built (smoke vectors, seeded Poisson spikes, or a dataset slice encoded), and
 * {@link CoreVerifier} run in the simulators asked for; it writes {@code reports/verify.json} and, on a
 * mismatch, the mismatch files and a VCD.
 */
final class VerifyRun {
  private VerifyRun() {}

  static VerifyReport run(VerifyRequest q, FlowEvents events) {
    List<Simulator> sims = switch (q.sim()) {
      case "verilator" -> List.of(new VerilatorSimulator());
      case "icarus" -> List.of(new IcarusSimulator());
      default -> List.of(new VerilatorSimulator(), new IcarusSimulator());
    };
    BuildDirectory.Loaded b = BuildDirectory.load(q.dir());
    List<StimulusFile.Sample> samples = q.dataset() == null ? poisson(q, b) : dataset(q, b, events.log());
    events.log().printf(Locale.ROOT, "%s: build checked against its spec (%s, hash %s); %d samples%n", q.dir(),
        b.network().name(), b.networkHash().substring(0, 16), samples.size());
    CoreVerifier.Report r = CoreVerifier.verify(b, samples, new CoreVerifier.Options(sims, null, q.stallSeed(), true,
        q.threadCount()));
    return new VerifyReport(q.dir(), b.network().name(), b.networkHash(), samples.size(), r);
  }

  /** The build's smoke vectors, or as many seeded Poisson samples when more images are asked for. */
  private static List<StimulusFile.Sample> poisson(VerifyRequest q, BuildDirectory.Loaded b) {
    List<StimulusFile.Sample> smoke = StimulusFile.read(b.dir().resolve(BuildDirectory.SMOKE_STIMULUS));
    Integer images = q.images();
    if (images == null || images <= smoke.size()) {
      return images == null ? smoke : smoke.subList(0, images);
    }
    return StimulusFile.poisson(b.network().inputSize(), b.network().timesteps(), images, b.config().smokeSeed());
  }

  /** The dataset slice (at most {@code images} samples unless a limit is given), encoded or pre-timed. */
  private static List<StimulusFile.Sample> dataset(VerifyRequest q, BuildDirectory.Loaded b, PrintWriter log) {
    int inputs = b.network().inputSize();
    int steps = b.network().timesteps();
    String name = q.dataset() + "/" + q.split();
    Dataset d = DataSlice.load(q.dataset(), q.split(), q.dataDir(), q.offset(),
        q.limit() != null ? q.limit() : q.images());
    if (!d.isTemporal() && d.sampleLength() != inputs) {
      throw new IllegalArgumentException("dataset " + name + " has " + d.sampleLength()
          + " values per sample but network '" + b.network().name() + "' has " + inputs + " inputs");
    }
    EncoderSpec recorded = b.network().encoder();
    EncoderSpec spec = EncoderOption.resolve(q.encoder(), q.seed(), recorded);
    if (!d.isTemporal()) {
      log.println("inputs coded with " + spec + (spec.equals(recorded) ? " (the network's encoder)"
          : "; note: the network records " + recorded + ", the coding it was trained and compiled for"));
    }
    SpikeEncoder encoder = SpikeEncoder.of(spec);
    List<StimulusFile.Sample> out = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      var raster = d.isTemporal() ? d.raster(i) : d.encode(i, encoder, steps);
      if (raster.channels() != inputs || raster.steps() < steps) {
        throw new IllegalArgumentException("dataset " + name + " sample " + i + " has " + raster.channels()
            + " channels and " + raster.steps() + " steps; the network needs " + inputs + " and " + steps);
      }
      out.add(new StimulusFile.Sample(d.id(i), raster));
    }
    return out;
  }
}
