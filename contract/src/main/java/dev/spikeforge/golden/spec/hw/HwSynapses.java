package dev.spikeforge.golden.spec.hw;

import dev.spikeforge.golden.spec.LayerKind;
import java.util.ArrayList;
import java.util.List;

/**
 * One set of synapses of a layer in hardware (feedforward or recurrent), derived from {@link
 * HwLayer}. Its weight memory has one word per (event row, neuron group): address {@code row ·
 * groups + g}; lane {@code p} of the word belongs to neuron {@code g · lanes + p}.
 *
 * @param recurrent whether these are the layer's recurrent synapses
 * @param mode EVENT (one presynaptic spike per event) or CHUNK (a popcount over {@code edgeWidth})
 * @param kind DENSE or BINARIZED
 * @param sources presynaptic neurons (fan-in of this set)
 * @param edgeWidth spike bits per event-list entry arriving on this edge (the producer's lanes, or
 *     the input word width for layer 0's input)
 * @param lanes lanes of the layer
 * @param groups neuron groups of the layer
 * @param weightWidth signed weight bits (DENSE), 1 (BINARIZED)
 * @param delayWidth bits of the per-synapse delay field, or 0 when there is none
 * @param constantDelay delay of every synapse when there is no per-synapse delay field (0 for
 *     feedforward without delays or with axonal delays, which are added from the axonal memory; 1
 *     for recurrent synapses)
 */
public record HwSynapses(
    boolean recurrent,
    SynapseMode mode,
    LayerKind kind,
    int sources,
    int edgeWidth,
    int lanes,
    int groups,
    int weightWidth,
    int delayWidth,
    int constantDelay) {

  /** Presynaptic sources per event: 1 (EVENT) or {@code edgeWidth} (CHUNK). */
  public int chunkWidth() {
    return mode == SynapseMode.CHUNK ? edgeWidth : 1;
  }

  /** Weight rows: one per source (EVENT) or per chunk of {@code edgeWidth} sources (CHUNK). */
  public int rows() {
    return mode == SynapseMode.CHUNK ? (sources + edgeWidth - 1) / edgeWidth : sources;
  }

  /** Words of the weight memory: {@code rows · groups}. */
  public int depth() {
    return rows() * groups;
  }

  /**
   * One lane's part of a weight word. DENSE: {@code weight} (signed); BINARIZED EVENT: {@code bit}
   * (1 = +1, 0 = −1); BINARIZED CHUNK: {@code bits} (bit b = source {@code chunk · edgeWidth + b});
   * then {@code delay} (unsigned) when the set has per-synapse delays.
   */
  public HwWordLayout laneWord() {
    List<HwWordLayout.Def> d = new ArrayList<>();
    if (kind == LayerKind.DENSE) {
      d.add(new HwWordLayout.Def("weight", weightWidth, true));
    } else if (mode == SynapseMode.EVENT) {
      d.add(new HwWordLayout.Def("bit", 1, false));
    } else {
      d.add(new HwWordLayout.Def("bits", edgeWidth, false));
    }
    if (delayWidth > 0) {
      d.add(new HwWordLayout.Def("delay", delayWidth, false));
    }
    return HwWordLayout.sequential((recurrent ? "recurrent" : "feedforward") + " lane word",
        d.toArray(HwWordLayout.Def[]::new));
  }
}
