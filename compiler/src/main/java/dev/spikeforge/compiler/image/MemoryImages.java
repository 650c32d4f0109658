package dev.spikeforge.compiler.image;

import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.golden.spec.hw.HwMemory;
import dev.spikeforge.golden.spec.hw.HwSynapses;
import dev.spikeforge.golden.spec.hw.HwThreeFactorLearning;
import dev.spikeforge.golden.spec.hw.HwImage;
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
        case PARAMS -> new BigInteger[] {m.laneWord().pack(s.neuron().threshold(), s.uniformLeakShift("the generated core"),
            s.neuron().reset() == ResetMode.ZERO ? 1 : 0), BigInteger.ZERO};
        case AXONAL -> core.threeFactorLearning() != null ? axonalShadows(s, core, m) : axonal(s, m);
        case FEEDFORWARD -> core.threeFactorLearning() != null ? threeFactorShadows(s, core, m.layer())
            : synapses(s, core, m.layer(), h.feedforward());
        case RECURRENT -> core.threeFactorLearning() != null ? threeFactorRecurrentShadows(s, core, m.layer())
            : synapses(s, core, m.layer(), h.recurrentSynapses());
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

  /**
   * Word at {@code row · groups + g}: lane p = neuron g · lanes + p ({@link HwImage#synapseWords}). In a
   * learning core the feedforward memory holds the shadow words {@code w << E_l} ({@link HwImage#initialShadows}).
   */
  private static BigInteger[] synapses(LayerSpec s, HwCore core, int l, HwSynapses syn) {
    HwLayer h = core.layers().get(l);
    int[][] values = syn.recurrent() ? s.recurrentWeights()
        : core.learns() ? HwImage.initialShadows(s.weights(), h.shadowBits()) : s.weights();
    return HwImage.synapseWords(s, h, syn, values);
  }

  /**
   * A three-factor learning core's feedforward words (docs/hardware.md §7.2): lane by lane the synapse's shadow
   * weight {@code w << F_w} and, with SYNAPTIC delays, its shadow delay {@code d << F_d}
   * ({@code HwThreeFactorLearning.learningSynapses}): exact, the forward weights and delays are the network's.
   */
  private static BigInteger[] threeFactorShadows(LayerSpec s, HwCore core, int l) {
    HwThreeFactorLearning spec = core.threeFactorLearning();
    HwLayer h = core.layers().get(l);
    HwSynapses syn = spec.learningSynapses(h);
    int fd = spec.delayFracBits();
    return HwImage.synapseWords(s, h, syn, HwImage.initialShadows(s.weights(), spec.weightFracBits()),
        (j, i) -> syn.delayWidth() > 0 ? (long) s.delay(j, i) << fd : 0);
  }

  /**
   * A three-factor learning core's recurrent words (docs/hardware.md §7.2): lane by lane the recurrent synapse's
   * shadow weight {@code w << F_w} and, with recurrent delays, its shadow delay {@code d << F_d}
   * ({@code HwThreeFactorLearning.learningRecurrentSynapses}): exact, as the feedforward ones.
   */
  private static BigInteger[] threeFactorRecurrentShadows(LayerSpec s, HwCore core, int l) {
    HwThreeFactorLearning spec = core.threeFactorLearning();
    HwLayer h = core.layers().get(l);
    HwSynapses syn = spec.learningRecurrentSynapses(h);
    int fd = spec.delayFracBits();
    return HwImage.synapseWords(s, h, syn, HwImage.initialShadows(s.recurrentWeights(), spec.weightFracBits()),
        (j, k) -> syn.delayWidth() > 0 ? (long) s.recurrentDelay(j, k) << fd : 0);
  }

  /** A three-factor core's axonal shadow delays {@code d << F_d}, one word per input. */
  private static BigInteger[] axonalShadows(LayerSpec s, HwCore core, HwMemory m) {
    int fd = core.threeFactorLearning().delayFracBits();
    int[] ax = s.axonalDelays();
    BigInteger[] w = new BigInteger[ax.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = m.laneWord().pack((long) ax[i] << fd);
    }
    return w;
  }

  /** The image text: {@code words}, then zero words up to the memory's depth. */
  private static String hex(BigInteger[] words, HwMemory m) {
    return HwImage.hex(words, m);
  }
}
