package dev.spikeforge.flow;

import dev.spikeforge.compiler.build.ModelInput;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.LinearReadoutFit;
import java.io.IOException;

/**
 * A closed-form fit ({@link Flow#fitLinear}): ridge regression of a linear spiking readout on the
 * training slice, quantized to the widths asked for by {@link FloatQuantization} (calibrated scale on the last
 * training images, checked there), written. Logs what it fits and the check to {@code events}.
 */
final class FitLinearRun {
  private FitLinearRun() {}

  static FitLinearReport run(FitLinearRequest q, FlowEvents events) throws IOException {
    Dataset train = DataSlice.load(q.dataset(), "train", q.dataDir(), q.offset(), q.limit());
    events.log().printf("fitting a %d-%d linear spiking readout on %d samples of %s (ridge %.3g)%n",
        train.sampleLength(), train.classes(), train.size(), train.name(), q.ridge());
    FloatNetwork fl = LinearReadoutFit.fit(train, q.timesteps(), q.ridge());
    Dataset cal = CalibrationRule.calibrationSet(DataSlice.load(q.dataset(), "train", q.dataDir(), 0, null),
        CalibrationRule.DEFAULT_IMAGES);
    ModelInput.Loaded in = FloatQuantization.run(fl, FloatNetworkJson.FORMAT, null, q.weightWidth(), q.membraneWidth(),
        null, null, cal, new RateEncoder(), Runtime.getRuntime().availableProcessors(), null, events);
    events.log().printf("quantized with scale %s; check: %s%n", in.report().config().scaleStrategy(),
        in.check().describe());
    NetworkSpec net = in.network();
    NetworkJson.write(net, q.output());
    return new FitLinearReport(fl, net, in.report(), NetworkJson.contentHash(net), q.output());
  }
}
