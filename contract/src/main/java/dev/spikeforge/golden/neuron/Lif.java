package dev.spikeforge.golden.neuron;

import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ResetMode;

/**
 * The integer LIF neuron: one time step of one neuron as a pure function. Hardware twin: {@code
 * LifNeuronUnit} in hw-gen. Order of operations (docs/numerics.md, contract version 1):
 *
 * <ol>
 *   <li>leak: {@code v1 = v - (v >> k)}, or {@code v1 = v} when {@code k = 0};
 *   <li>integrate: {@code v2 = sat_M(v1 + I)}, where I is the exact synaptic sum of this step and
 *       {@code sat_M} saturates once into the signed M-bit membrane;
 *   <li>fire: {@code s = (v2 >= threshold)};
 *   <li>reset: {@code v3 = s ? (v2 - threshold) : v2} (SUBTRACT) or {@code v3 = s ? 0 : v2} (ZERO).
 * </ol>
 *
 * {@code v3} is the membrane carried to the next step. No step can overflow: the leak moves v toward
 * 0, the saturation bounds v2, and subtraction of a positive threshold from {@code v2 >= threshold}
 * stays in range.
 */
public final class Lif {
  private Lif() {}

  /** Leak of step 1. */
  public static long leak(long v, int leakShift) {
    return Fx.leak(v, leakShift);
  }

  /** Steps 1 and 2: the membrane after leak and integration, before the threshold. */
  public static long integrate(NeuronSpec n, long v, long current) {
    return Fx.saturateSigned(Fx.leak(v, n.leakShift()) + current, n.membraneWidth());
  }

  /** Step 4: the membrane after the reset. */
  public static long reset(NeuronSpec n, long integrated, boolean spike) {
    if (!spike) {
      return integrated;
    }
    return n.reset() == ResetMode.SUBTRACT ? integrated - n.threshold() : 0;
  }

  /** One whole step: returns the next membrane and whether the neuron fired. */
  public static LifState step(NeuronSpec n, long v, long current) {
    long v2 = integrate(n, v, current);
    boolean s = v2 >= n.threshold();
    return new LifState(reset(n, v2, s), s);
  }

  /**
   * One whole step with the parameters passed one by one (the form the hardware unit has, where a
   * layer-serial core feeds each layer's parameters at run time).
   */
  public static LifState step(int membraneWidth, long threshold, int leakShift, ResetMode reset, long v, long current) {
    return step(new NeuronSpec(membraneWidth, threshold, leakShift, reset), v, current);
  }

  /** The result of one step. */
  public record LifState(long membrane, boolean spike) {}
}
