package dev.spikeforge.golden.train;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.util.Map;

/**
 * One learning rule applied online (one sample at a time) to one network: what the rule-agnostic
 * {@link Trainer} loop drives. An engine owns its weights; {@link #train} must depend only on the
 * weights, the sample, the epoch and the sample's position (pseudo-random choices are keyed by
 * them), so that a run resumed from {@link #state()} continues bit for bit.
 */
public interface TrainingEngine extends AutoCloseable {
  /** Name of the rule, e.g. {@code desire}. */
  String rule();

  /** {@code float} or {@code int}. */
  String precision();

  /**
   * Everything that determines the bits of a run (rule, architecture, parameters, widths, seed), as
   * JSON-friendly values (strings, numbers, booleans, lists, maps); part of every checkpoint, which is
   * refused by a run whose description differs.
   */
  Map<String, Object> describe();

  /** Time steps per sample. */
  int timesteps();

  /** Trains on one sample (forward, error, update) and says how the forward pass did. */
  SampleOutcome train(SpikeRaster input, int label, int epoch, long position);

  /** The learning rate in effect during {@code epoch} (0-based), as a real number. */
  double learningRate(int epoch);

  /** The float network of the current weights (for an integer engine: the integers taken as reals). */
  FloatNetwork floatNetwork();

  /** The integer network of the current weights, or null for a float engine (quantize it instead). */
  NetworkSpec intNetwork();

  /** Test-set evaluation of the current weights with the simulator of this engine's precision. */
  EvalReport evaluate(Dataset test, SpikeEncoder encoder, int threads);

  /** The learned state (weights), serialized. */
  byte[] state();

  /** Restores a state written by {@link #state()} of an engine with the same {@link #describe()}. */
  void restore(byte[] state);

  /**
   * Seed of the sample order of epoch {@code epoch} (0-based) for the run seed {@code seed}: {@link
   * Trainer#epochOrderSeed} unless the rule has an order of its own.
   */
  default long epochOrderSeed(long seed, int epoch) {
    return Trainer.epochOrderSeed(seed, epoch);
  }

  @Override
  void close();

  /** Refuses a sample whose channels are not the network's {@code inputs}: the check of every engine's {@link #train}. */
  static void checkChannels(SpikeRaster input, int inputs) {
    if (input.channels() != inputs) {
      throw new IllegalArgumentException("a sample has " + input.channels() + " channels, the network " + inputs
          + " inputs");
    }
  }
}
