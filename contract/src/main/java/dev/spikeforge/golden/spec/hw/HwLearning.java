package dev.spikeforge.golden.spec.hw;

/**
 * The learning unit of a learning core ({@link HwCore#learningUnit()}): the desire unit ({@link HwDesireLearning},
 * docs/hardware.md §7.1) or the three-factor unit ({@link HwThreeFactorLearning}, §7.2). What a core needs to know
 * of either is how the unit stores its layers' learned state in the core's memories; everything else the
 * generators read from the concrete spec.
 */
public sealed interface HwLearning permits HwDesireLearning, HwThreeFactorLearning {

  /**
   * Checks that {@code core} (the inference core of the network, without a learning unit) is one this unit
   * can learn; each refusal names the layer and field.
   *
   * @throws dev.spikeforge.golden.spec.SpecException otherwise
   */
  void checkLearnable(HwCore core);

  /** Layer {@code l} as the learning core holds it, given the plain (inference) layer. */
  HwLayer learningLayer(int l, HwLayer plain);

  /** The feedforward synapses of {@code layer} as the learning core's feedforward memory stores them. */
  HwSynapses storedSynapses(HwLayer layer);

  /** The word of {@code layer}'s axonal-delay memory (AXONAL layers) in the learning core. */
  HwWordLayout storedAxonalWord(HwLayer layer);

  /**
   * The recurrent synapses of {@code layer} (a recurrent layer) as the learning core's recurrent memory stores them:
   * the plain ones unless the unit learns them ({@link HwThreeFactorLearning#learningRecurrentSynapses}).
   */
  default HwSynapses storedRecurrentSynapses(HwLayer layer) {
    return layer.recurrentSynapses();
  }
}
