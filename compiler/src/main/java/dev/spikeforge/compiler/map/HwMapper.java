package dev.spikeforge.compiler.map;

import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.golden.spec.hw.SynapseMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The mapping pass: integer network in, hardware spec out. Contract: the core has the network's
 * input size, T and readout; layer l gets {@code min(P, size)} lanes, the delay arrangement the
 * layer's delay arrays call for (none, axonal, per-synapse), and popcount CHUNK synapses wherever a
 * BINARIZED synapse set has a uniform delay (else EVENT). Deterministic and read-only.
 */
public final class HwMapper {
  private HwMapper() {}

  public static HwCore map(NetworkSpec net, MappingOptions options) {
    Objects.requireNonNull(net, "net");
    Objects.requireNonNull(options, "options");
    List<HwLayer> layers = new ArrayList<>();
    SynapseMode firstMode = feedforwardMode(net.layers().get(0));
    int inputWordWidth = options.inputWordWidth() != MappingOptions.AUTO ? options.inputWordWidth()
        : firstMode == SynapseMode.CHUNK ? Math.min(8, nextPowerOfTwo(net.inputSize())) : 1;
    int edge = inputWordWidth;
    for (int l = 0; l < net.layers().size(); l++) {
      LayerSpec s = net.layers().get(l);
      int lanes = options.lanes() == MappingOptions.ALL_LANES ? s.size() : Math.min(options.lanes(), s.size());
      DelayMode delays = s.synapticDelays() != null ? DelayMode.SYNAPTIC
          : s.axonalDelays() != null ? DelayMode.AXONAL : DelayMode.NONE;
      boolean recDelays = s.recurrentDelays() != null;
      SynapseMode recMode = s.kind() == LayerKind.BINARIZED && s.isRecurrent() && !recDelays
          ? SynapseMode.CHUNK : SynapseMode.EVENT;
      try {
        layers.add(new HwLayer(s.kind(), s.inputSize(), s.size(), lanes, s.weightWidth(), s.neuron().membraneWidth(),
            s.maxDelay(), delays, s.isRecurrent(), recDelays, feedforwardMode(s), edge, recMode));
      } catch (SpecException e) {
        throw e.under("layers[" + l + "]");
      }
      edge = lanes;
    }
    return new HwCore(net.inputSize(), inputWordWidth, net.timesteps(), net.readout().mode(),
        net.readout().decisionCount(), layers);
  }

  static int nextPowerOfTwo(int n) {
    return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
  }

  private static SynapseMode feedforwardMode(LayerSpec s) {
    boolean delays = s.axonalDelays() != null || s.synapticDelays() != null;
    return s.kind() == LayerKind.BINARIZED && !delays ? SynapseMode.CHUNK : SynapseMode.EVENT;
  }
}
