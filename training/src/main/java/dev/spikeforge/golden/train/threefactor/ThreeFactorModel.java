package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.train.SampleOutcome;

/** A network being trained by the three-factor rule, in one numeric form. */
public interface ThreeFactorModel {
  /** Runs one sample forward with eligibilities, then applies the end-of-sample update. */
  SampleOutcome train(SpikeRaster input, int label);

  /** Hidden spikes emitted by the training passes of this model so far (a statistic; not part of {@link #state()}). */
  long hiddenSpikes();

  /** The training forward pass without any update: spikes of the hidden and the output layer. */
  SpikeRaster[] forward(SpikeRaster input);

  /** Evaluates the exported network with the matching simulator ({@code eval.Evaluator}). */
  EvalReport evaluate(Dataset data, int threads);

  /** The form of this model. */
  NumericForm form();

  /** The learned state (weights and shadow delays), serialized; sample state is not kept between samples. */
  byte[] state();

  /** Restores a {@link #state()} of a model of the same config and data shape. */
  void restore(byte[] state);
}
