package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.train.SampleOutcome;

/** A network being trained by the three-factor rule, in one numeric form. */
public interface ThreeFactorModel {
  /**
   * Runs one sample forward with eligibilities, then applies the end-of-sample update; the sample is at
   * {@code position} (0-based) of epoch {@code epoch} (0-based), which seeds the hardware form's
   * stochastic rounding (docs/learning.md Part II §9.4; the other forms ignore it).
   */
  SampleOutcome train(SpikeRaster input, int label, int epoch, long position);

  /** {@link #train(SpikeRaster, int, int, long)} as the first sample of epoch 0 (single-sample use, tests). */
  default SampleOutcome train(SpikeRaster input, int label) {
    return train(input, label, 0, 0);
  }

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
