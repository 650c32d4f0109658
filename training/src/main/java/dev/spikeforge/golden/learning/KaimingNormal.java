package dev.spikeforge.golden.learning;

import java.util.SplittableRandom;

/**
 * Kaiming-normal initialisation ({@code N(0, 2 / fan_in)}, no bias), the initialisation of desire
 * backpropagation, reproducible bit for bit: normals come from {@link SplittableRandom}{@code (seed)}
 * by the Box–Muller transform with {@link StrictMath}: for each pair, {@code u1 = 1 − nextDouble()},
 * {@code u2 = nextDouble()}, {@code r = sqrt(−2 ln u1)}, normals {@code r cos(2π u2)} then {@code r
 * sin(2π u2)}. Layers are filled in order, each row-major ({@code [post][pre]}, the authors' tensor
 * order), one stream for the whole network.
 */
public final class KaimingNormal {
  private KaimingNormal() {}

  /**
   * Weights of every layer for {@code sizes} = input size then layer sizes: {@code [layer][post][pre]}.
   */
  public static double[][][] weights(int[] sizes, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] spare = new double[1];
    boolean[] haveSpare = new boolean[1];
    double[][][] w = new double[sizes.length - 1][][];
    for (int l = 0; l < w.length; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      double sigma = Math.sqrt(2.0 / in);
      w[l] = new double[out][in];
      for (int j = 0; j < out; j++) {
        for (int i = 0; i < in; i++) {
          w[l][j][i] = sigma * normal(rnd, spare, haveSpare);
        }
      }
    }
    return w;
  }

  private static double normal(SplittableRandom rnd, double[] spare, boolean[] haveSpare) {
    if (haveSpare[0]) {
      haveSpare[0] = false;
      return spare[0];
    }
    double u1 = 1.0 - rnd.nextDouble();
    double u2 = rnd.nextDouble();
    double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
    double a = 2.0 * StrictMath.PI * u2;
    spare[0] = r * StrictMath.sin(a);
    haveSpare[0] = true;
    return r * StrictMath.cos(a);
  }
}
