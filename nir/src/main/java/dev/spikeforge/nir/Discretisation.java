package dev.spikeforge.nir;

import java.util.Locale;

/**
 * How NIR's continuous-time equations become spikeforge's discrete steps ({@code docs/nir.md}):
 * a step of {@code dt} seconds and one of two integration rules for {@code tau dv/dt = -v + R I}
 * with the input current held constant over the step:
 *
 * <ul>
 *   <li>{@code EULER} (forward Euler, what Norse, snnTorch and NIR's reference implementation use):
 *       {@code v' = (1 - dt/tau) v + (dt/tau) R I};
 *   <li>{@code EXACT} (the exact solution for a current held over the step, zero-order hold):
 *       {@code v' = e^(-dt/tau) v + (1 - e^(-dt/tau)) R I}.
 * </ul>
 *
 * spikeforge's neuron is {@code v' = leak * v + I}: the leak is the first factor, the second
 * (times R and the synaptic weight) goes into the weight.
 *
 * @param dt the step in seconds, positive and finite
 * @param method the integration rule
 */
public record Discretisation(double dt, Method method) {
  /** The default step, 0.1 ms: the one snnTorch exports with and NIR's paper simulations use. */
  public static final double DEFAULT_DT = 1e-4;

  /** Relative distance to a whole number of steps still taken as that number (float noise). */
  static final double WHOLE_STEP_TOLERANCE = 1e-6;

  /** The integration rule of the membrane equation. */
  public enum Method {
    EULER,
    EXACT;

    /** The option spelling: {@code euler}, {@code exact}. */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Discretisation {
    if (!(dt > 0) || !Double.isFinite(dt)) {
      throw new NirException("--dt: " + dt + " must be a positive number of seconds");
    }
    if (method == null) {
      throw new NirException("--discretisation: missing; one of euler, exact");
    }
  }

  /** The membrane factor per step for time constant {@code tau} (may be <= 0 for EULER with dt > tau). */
  double leak(double tau) {
    return method == Method.EULER ? 1 - dt / tau : Math.exp(-dt / tau);
  }

  /** The input factor per step for time constant {@code tau}: {@code 1 - leak(tau)}, computed exactly. */
  double gain(double tau) {
    return method == Method.EULER ? dt / tau : -Math.expm1(-dt / tau);
  }

  /** The time constant whose {@link #leak} is {@code leak}, for {@code 0 < leak < 1}. */
  double tau(double leak) {
    return method == Method.EULER ? dt / (1 - leak) : -dt / Math.log(leak);
  }

  /**
   * A duration as a whole number of steps; -1 if it is not one within {@link
   * #WHOLE_STEP_TOLERANCE} (relative).
   */
  long steps(double seconds) {
    double s = seconds / dt;
    double r = Math.rint(s);
    return Math.abs(s - r) <= WHOLE_STEP_TOLERANCE * Math.max(1, Math.abs(s)) ? (long) r : -1;
  }

  /** {@code dt=1.0E-4 s, euler}. */
  String describe() {
    return "dt = " + dt + " s, " + method;
  }
}
