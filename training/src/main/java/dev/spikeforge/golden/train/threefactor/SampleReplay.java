package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.train.SampleOutcome;

/**
 * One training sample of the hardware form as its learning unit sees it ({@link
 * IntThreeFactorModel#trainRecorded}): the sample's outcome and, per layer, the replay inputs and the
 * shadows before and after the update walk ({@link LayerReplay}).
 *
 * @param outcome what {@link IntThreeFactorModel#train} returned
 * @param hidden the hidden layer (learning signals L)
 * @param output the output layer (output errors δ)
 * @param recurrent the hidden layer's recurrent shadows before and after its walk, null for a feedforward one
 */
public record SampleReplay(SampleOutcome outcome, LayerReplay hidden, LayerReplay output, RecurrentShadows recurrent) {

  /**
   * The recurrent shadows of a recurrent hidden layer around one sample's walk (docs/learning.md Part II §9.3,
   * the walk's recurrent rows): {@code [j][k]} for synapse (hidden k → hidden j), copies.
   *
   * @param weightsBefore shadow weights before the walk
   * @param weightsAfter shadow weights after it
   * @param delaysBefore shadow recurrent delays before the walk (SYNAPTIC layers), else null
   * @param delaysAfter as {@code delaysBefore}, after the walk
   */
  public record RecurrentShadows(long[][] weightsBefore, long[][] weightsAfter, long[][] delaysBefore,
      long[][] delaysAfter) {

    /** The recurrent shadows {@code layer} holds now (before), or null if it is not recurrent. */
    static long[][][] of(IntLayerLearner layer) {
      if (layer.rS == null) {
        return null;
      }
      return new long[][][] {IntLayerLearner.copy(layer.rS),
          layer.recDelay == null ? null : IntLayerLearner.copy(layer.recDelay)};
    }

    /** The shadows of {@code layer} after its walk, with those recorded before it ({@link #of}). */
    static RecurrentShadows after(IntLayerLearner layer, long[][][] before) {
      if (before == null) {
        return null;
      }
      long[][][] now = of(layer);
      return new RecurrentShadows(before[0], now[0], before[1], now[1]);
    }
  }
}
