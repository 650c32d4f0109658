package dev.spikeforge.golden.train.ottt;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.SampleOutcome;

/** The weights of an OTTT network in one numeric form, and the sample loop that learns them. */
interface OtttModel {
  /** Runs one sample, learning at every step (docs/learning.md Part III §2). */
  SampleOutcome train(SpikeRaster input, int label, int epoch, long position);

  FloatNetwork floatNetwork();

  /** The integer network, or null for the float form. */
  NetworkSpec intNetwork();

  EvalReport evaluate(Dataset test, SpikeEncoder encoder, int threads);

  byte[] state();

  void restore(byte[] state);

  /** The outcome of a sample from its output spike counts and summed squared spike error. */
  static SampleOutcome outcome(int[] counts, int label, long squaredErrors, int timesteps) {
    return SampleOutcome.ofCounts(counts, label, squaredErrors / (double) ((long) timesteps * counts.length));
  }
}
