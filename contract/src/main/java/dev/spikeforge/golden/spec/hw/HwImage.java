package dev.spikeforge.golden.spec.hw;

import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import java.math.BigInteger;

/**
 * The word packing of a weight memory image ({@link HwCore#memories()}, docs/hardware.md §4): the one
 * function that turns a layer's synapse values into memory words, used by the compiler's image writer
 * ({@code compiler.image.MemoryImages}) and by the golden learning reference (training's {@code
 * DesireLearningReference}), so the images a learning core starts from and the words the reference
 * expects after every sample cannot be packed differently.
 */
public final class HwImage {
  private HwImage() {}

  /**
   * The words of synapse set {@code syn} of layer {@code s} on hardware layer {@code h}: word {@code row ·
   * groups + g}, lane p = neuron {@code g · lanes + p} at bits {@code [p · laneWidth, …)}; lanes beyond the
   * layer's size are 0. {@code values[j][source]} is what a DENSE lane's {@code weight} field holds (the
   * weight, or in a learning core's feedforward memory the shadow word); BINARIZED sets pack the ±1 weights
   * of {@code values} as bits. Per-synapse delays come from {@code s}.
   *
   * @throws IllegalArgumentException if a value does not fit its field
   */
  public static BigInteger[] synapseWords(LayerSpec s, HwLayer h, HwSynapses syn, int[][] values) {
    return synapseWords(s, h, syn, values, (j, row) -> syn.recurrent() ? s.recurrentDelay(j, row) : s.delay(j, row));
  }

  /** The value of the {@code delay} field of synapse (row → neuron j). */
  @FunctionalInterface
  public interface DelayField {
    long of(int j, int row);
  }

  /**
   * {@link #synapseWords(LayerSpec, HwLayer, HwSynapses, int[][])} with the {@code delay} fields given by
   * {@code delays} rather than {@code s}'s forward delays (a learning core's shadow delays).
   */
  public static BigInteger[] synapseWords(LayerSpec s, HwLayer h, HwSynapses syn, int[][] values, DelayField delays) {
    int lanes = h.lanes();
    int groups = h.groups();
    HwWordLayout lw = syn.laneWord();
    int laneWidth = lw.width();
    boolean delay = syn.delayWidth() > 0;
    BigInteger[] words = new BigInteger[syn.depth()];
    for (int row = 0; row < syn.rows(); row++) {
      for (int g = 0; g < groups; g++) {
        BigInteger word = BigInteger.ZERO;
        for (int p = 0; p < lanes; p++) {
          int j = g * lanes + p;
          if (j >= s.size()) {
            continue;
          }
          BigInteger value;
          if (s.kind() == LayerKind.DENSE) {
            value = BigInteger.valueOf(values[j][row]);
          } else if (syn.mode() == SynapseMode.EVENT) {
            value = values[j][row] == 1 ? BigInteger.ONE : BigInteger.ZERO;
          } else {
            BigInteger bits = BigInteger.ZERO;
            for (int b = 0; b < syn.edgeWidth(); b++) {
              int i = row * syn.edgeWidth() + b;
              if (i < syn.sources() && values[j][i] == 1) {
                bits = bits.setBit(b);
              }
            }
            value = bits;
          }
          BigInteger lane = delay
              ? lw.pack(value, BigInteger.valueOf(delays.of(j, row)))
              : lw.pack(value);
          word = word.or(lane.shiftLeft(p * laneWidth));
        }
        words[row * groups + g] = word;
      }
    }
    return words;
  }

  /**
   * The {@code $readmemh} text of memory {@code m}: {@code words}, then zero words up to its depth; one
   * word per line, lowercase hex, zero-padded to the word width.
   */
  public static String hex(BigInteger[] words, HwMemory m) {
    int digits = m.hexDigits();
    StringBuilder sb = new StringBuilder(m.depth() * (digits + 1));
    for (int a = 0; a < m.depth(); a++) {
      String x = a < words.length ? words[a].toString(16) : "0";
      sb.append("0".repeat(digits - x.length())).append(x).append('\n');
    }
    return sb.toString();
  }

  /**
   * The initial shadow words of a learning layer with forward weights {@code weights[j][i]}: {@code w << E}
   * (exact: {@code sat_B(shr_E^HALF_UP(w·2^E)) = w}, so the core starts from the network it was compiled from).
   */
  public static int[][] initialShadows(int[][] weights, int shadowBits) {
    int[][] sh = new int[weights.length][];
    for (int j = 0; j < weights.length; j++) {
      sh[j] = new int[weights[j].length];
      for (int i = 0; i < weights[j].length; i++) {
        sh[j][i] = weights[j][i] << shadowBits;
      }
    }
    return sh;
  }
}
