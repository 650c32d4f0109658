package dev.spikeforge.compiler.image;

import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.golden.spec.hw.HwMemory;
import dev.spikeforge.golden.spec.hw.HwSynapses;
import dev.spikeforge.golden.spec.hw.HwWordLayout;
import dev.spikeforge.golden.spec.hw.SynapseMode;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The memory images of a network on a core: the golden-side packer of the layouts in {@link
 * HwCore#memories()}. One word per line, lowercase hex, zero-padded to the word width (the
 * {@code $readmemh} format). Deterministic: the same network and core give the same bytes.
 */
public final class MemoryImages {
  private MemoryImages() {}

  /** Every image of the core, keyed by its file (relative to the build directory), in memory order. */
  public static Map<String, String> build(NetworkSpec net, HwCore core) {
    if (net.layers().size() != core.layers().size()) {
      throw new IllegalArgumentException("network has " + net.layers().size() + " layers, core " + core.layers().size());
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (HwMemory m : core.memories()) {
      LayerSpec s = net.layers().get(m.layer());
      HwLayer h = core.layers().get(m.layer());
      BigInteger[] words = switch (m.role()) {
        case PARAMS -> new BigInteger[] {m.laneWord().pack(s.neuron().threshold(), s.neuron().leakShift(),
            s.neuron().reset() == ResetMode.ZERO ? 1 : 0), BigInteger.ZERO};
        case AXONAL -> axonal(s, m);
        case FEEDFORWARD -> synapses(s, h, h.feedforward(), m);
        case RECURRENT -> synapses(s, h, h.recurrentSynapses(), m);
      };
      out.put(m.file(), hex(words, m));
    }
    return out;
  }

  private static BigInteger[] axonal(LayerSpec s, HwMemory m) {
    int[] ax = s.axonalDelays();
    BigInteger[] w = new BigInteger[ax.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = m.laneWord().pack(ax[i]);
    }
    return w;
  }

  /** Word at {@code row · groups + g}: lane p = neuron g · lanes + p. */
  private static BigInteger[] synapses(LayerSpec s, HwLayer h, HwSynapses syn, HwMemory m) {
    int[][] weights = syn.recurrent() ? s.recurrentWeights() : s.weights();
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
            value = BigInteger.valueOf(weights[j][row]);
          } else if (syn.mode() == SynapseMode.EVENT) {
            value = weights[j][row] == 1 ? BigInteger.ONE : BigInteger.ZERO;
          } else {
            BigInteger bits = BigInteger.ZERO;
            for (int b = 0; b < syn.edgeWidth(); b++) {
              int i = row * syn.edgeWidth() + b;
              if (i < syn.sources() && weights[j][i] == 1) {
                bits = bits.setBit(b);
              }
            }
            value = bits;
          }
          BigInteger lane = delay
              ? lw.pack(value, BigInteger.valueOf(syn.recurrent() ? s.recurrentDelay(j, row) : s.delay(j, row)))
              : lw.pack(value);
          word = word.or(lane.shiftLeft(p * laneWidth));
        }
        words[row * groups + g] = word;
      }
    }
    return words;
  }

  /** The image text: {@code words}, then zero words up to the memory's depth. */
  private static String hex(BigInteger[] words, HwMemory m) {
    int digits = m.hexDigits();
    StringBuilder sb = new StringBuilder(m.depth() * (digits + 1));
    for (int a = 0; a < m.depth(); a++) {
      String h = a < words.length ? words[a].toString(16) : "0";
      sb.append("0".repeat(digits - h.length())).append(h).append('\n');
    }
    return sb.toString();
  }
}
