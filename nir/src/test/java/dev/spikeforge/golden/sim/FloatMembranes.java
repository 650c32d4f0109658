package dev.spikeforge.golden.sim;

import dev.spikeforge.golden.network.FloatNetwork;

/**
 * Test access to the float simulator's membranes, step by step, through its package-private step
 * observer: the NIR tests compare spikeforge's own simulation of an imported network with
 * published voltage traces. It lives in the simulator's package (in the nir module's tests only).
 */
public final class FloatMembranes {
  private FloatMembranes() {}

  /**
   * One run of {@code net} on {@code input}.
   *
   * @param membranes {@code [step][layer][neuron]} after the reset of that step
   * @param spikes {@code [step][layer][neuron]}
   */
  public record Run(double[][][] membranes, boolean[][][] spikes) {}

  public static Run run(FloatNetwork net, SpikeRaster input) {
    int t0 = net.timesteps();
    int layers = net.layers().size();
    double[][][] v = new double[t0][layers][];
    boolean[][][] s = new boolean[t0][layers][];
    new FloatSimulator(net).simulate(input, (t, spikes, lengths, membranes) -> {
      for (int l = 0; l < layers; l++) {
        v[t][l] = membranes[l].clone();
        s[t][l] = new boolean[membranes[l].length];
        for (int k = 0; k < lengths[l]; k++) {
          s[t][l][spikes[l][k]] = true;
        }
      }
    });
    return new Run(v, s);
  }
}
