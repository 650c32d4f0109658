package dev.spikeforge.compiler.map;

import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwLearning;
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.golden.spec.hw.HwMemory;
import dev.spikeforge.golden.spec.hw.MemoryKind;
import dev.spikeforge.golden.spec.hw.MemoryRole;
import dev.spikeforge.golden.spec.hw.SynapseMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The mapping pass: integer network in, hardware spec out. Contract: the core has the network's
 * input size, T and readout; layer l gets {@code min(P, size)} lanes (or its own count, {@link
 * MappingOptions#layerLanes}), the delay arrangement the
 * layer's delay arrays call for (none, axonal, per-synapse), and popcount CHUNK synapses wherever a
 * BINARIZED synapse set has a uniform delay (else EVENT). Deterministic and read-only.
 */
public final class HwMapper {
  private HwMapper() {}

  /** Maps for the generic target (no part: block RAM unless SPRAM is forced). */
  public static HwCore map(NetworkSpec net, MappingOptions options) {
    return map(net, options, MemoryTarget.GENERIC);
  }

  /**
   * Maps {@code net} for a target part. Weight memories go to block RAM unless {@code
   * options.weightMemory()} forces SPRAM, or it is AUTO, the part has SPRAM and the weight memories
   * do not fit the part's block RAM: then the largest weight memories move to SPRAM, one at a time,
   * until the rest fit ({@link #placeWeights}).
   *
   * @throws SpecException naming the memory or the count that overflows, and by how much
   */
  public static HwCore map(NetworkSpec net, MappingOptions options, MemoryTarget target) {
    return map(net, options, target, null);
  }

  /**
   * Maps {@code net} for a target part as a learning core with the desire learning unit {@code learning}
   * (null: inference only). The learning spec is attached before the weight memories are placed, so
   * placement and the fit check see the shadow words ({@code B + E_l} bits per synapse).
   *
   * @throws SpecException naming the field when the network cannot be learned or does not fit
   */
  public static HwCore map(NetworkSpec net, MappingOptions options, MemoryTarget target, HwLearning learning) {
    Objects.requireNonNull(target, "target");
    HwCore core = structure(net, options);
    if (learning != null) {
      core = core.withLearning(learning);
    }
    return placeWeights(core, options.weightMemory(), target);
  }

  private static HwCore structure(NetworkSpec net, MappingOptions options) {
    Objects.requireNonNull(net, "net");
    Objects.requireNonNull(options, "options");
    List<HwLayer> layers = new ArrayList<>();
    SynapseMode firstMode = feedforwardMode(net.layers().get(0));
    int inputWordWidth = options.inputWordWidth() != MappingOptions.AUTO ? options.inputWordWidth()
        : firstMode == SynapseMode.CHUNK ? Math.min(8, nextPowerOfTwo(net.inputSize())) : 1;
    int edge = inputWordWidth;
    for (int l = 0; l < net.layers().size(); l++) {
      LayerSpec s = net.layers().get(l);
      try {
        s.uniformLeakShift("the generated core"); // its parameter word holds one leak shift per layer
      } catch (SpecException e) {
        throw e.under("layers[" + l + "]");
      }
      int lanes = options.lanesOf(l, s.size(), net.layers().size());
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

  /** A weight memory of a layer: feedforward or recurrent. */
  private record WeightMem(int layer, boolean recurrent, HwMemory mem) {
    long bits() {
      return (long) mem.depth() * mem.width();
    }

    String describe() {
      return mem.file() + " (layers[" + layer + "] " + (recurrent ? "recurrent" : "feedforward") + " weights, "
          + mem.depth() + " words of " + mem.width() + " bits)";
    }
  }

  /**
   * Places the weight memories of {@code core} (built all block RAM) in block RAM or SPRAM.
   *
   * <p>AUTO on a part with SPRAM: the block RAM left for weights is the part's EBR minus {@link
   * MemoryTarget#BOARD_TOP_EBR} minus the EBR estimate ({@link MemoryTarget#ebrFor}) of every other
   * memory of the core (parameters, axonal delays, membranes, pending currents, spike lists). While
   * the block-RAM weight memories' estimate exceeds it, the largest one that fits an SPRAM bank
   * (≤ 16,384 words) moves to SPRAM.
   */
  static HwCore placeWeights(HwCore core, MappingOptions.WeightMemory policy, MemoryTarget target) {
    if (policy == MappingOptions.WeightMemory.BLOCK_RAM) {
      return core;
    }
    List<WeightMem> weights = new ArrayList<>();
    for (HwMemory m : core.memories()) {
      if (m.role() == MemoryRole.FEEDFORWARD || m.role() == MemoryRole.RECURRENT) {
        weights.add(new WeightMem(m.layer(), m.role() == MemoryRole.RECURRENT, m));
      }
    }
    List<WeightMem> toSpram = new ArrayList<>();
    if (policy == MappingOptions.WeightMemory.SPRAM) {
      if (target.sprams() == 0) {
        throw new SpecException("weightMemory", "spram was asked for but board " + target.board()
            + " has no SPRAM; use --weight-memory auto or bram, or a board with an iCE40 UP5K (icebreaker)");
      }
      toSpram.addAll(weights);
    } else {
      if (target.sprams() == 0 || !target.bounded()) {
        return core;
      }
      int other = MemoryTarget.BOARD_TOP_EBR + stateMemoryEbr(core);
      for (HwMemory m : core.memories()) {
        if (m.role() != MemoryRole.FEEDFORWARD && m.role() != MemoryRole.RECURRENT) {
          other += MemoryTarget.ebrFor(m.depth(), m.width());
        }
      }
      int budget = target.blockRams() - other;
      int need = weights.stream().mapToInt(w -> MemoryTarget.ebrFor(w.mem().depth(), w.mem().width())).sum();
      List<WeightMem> bySize = new ArrayList<>(weights);
      bySize.sort((a, b) -> Long.compare(b.bits(), a.bits())); // stable: ties keep layer order
      int cells = 0;
      for (WeightMem w : bySize) {
        if (need <= budget) {
          break;
        }
        int c = MemoryKind.spramsFor(w.mem().depth(), w.mem().width());
        if (w.mem().depth() > MemoryKind.MAX_SPRAM_BANKS * MemoryKind.SPRAM_DEPTH || cells + c > target.sprams()) {
          continue;
        }
        toSpram.add(w);
        cells += c;
        need -= MemoryTarget.ebrFor(w.mem().depth(), w.mem().width());
      }
      if (need > budget) {
        StringBuilder sb = new StringBuilder();
        for (WeightMem w : weights) {
          if (!toSpram.contains(w)) {
            sb.append(sb.length() == 0 ? "" : ", ").append(w.describe()).append(": ")
                .append(MemoryTarget.ebrFor(w.mem().depth(), w.mem().width())).append(" EBR");
          }
        }
        throw new SpecException("weightMemory", "the weight memories left in block RAM need " + need + " EBR but board "
            + target.board() + " has " + Math.max(0, budget) + " for them (" + target.blockRams() + " EBR − " + other
            + " for the other memories (membranes, pending currents, spike lists, parameters) and the board top): "
            + (need - Math.max(0, budget)) + " EBR too many, and none of " + sb + " fits the SPRAM left ("
            + (target.sprams() - cells) + " of " + target.sprams() + " SB_SPRAM256KA cells of "
            + MemoryKind.SPRAM_DEPTH + " x 16 bits); use fewer lanes (fewer, narrower state memories) or narrower "
            + "weights");
      }
    }
    if (toSpram.isEmpty()) {
      return core;
    }
    int most = MemoryKind.MAX_SPRAM_BANKS * MemoryKind.SPRAM_DEPTH;
    for (WeightMem w : toSpram) {
      SpecException.check(w.mem().depth() <= most, "weightMemory", w.describe() + " has "
          + (w.mem().depth() - most) + " words more than " + MemoryKind.MAX_SPRAM_BANKS + " SPRAM banks hold ("
          + most + "); use more lanes (wider, shallower words) or block RAM");
    }
    int sprams = toSpram.stream().mapToInt(w -> MemoryKind.spramsFor(w.mem().depth(), w.mem().width())).sum();
    if (sprams > target.sprams()) {
      StringBuilder sb = new StringBuilder();
      for (WeightMem w : toSpram) {
        sb.append(sb.length() == 0 ? "" : ", ").append(w.describe()).append(": ")
            .append(MemoryKind.spramsFor(w.mem().depth(), w.mem().width())).append(" SPRAM");
      }
      throw new SpecException("weightMemory", "the weight memories placed in SPRAM need " + sprams
          + " SB_SPRAM256KA cells (one per 16 bits of word width and 16,384 words of depth) but board "
          + target.board() + " has " + target.sprams() + ": " + (sprams - target.sprams()) + " too many (" + sb + "); use narrower weights or "
          + "fewer lanes per word, or --weight-memory bram for small networks");
    }
    List<HwLayer> layers = new ArrayList<>(core.layers());
    for (int l = 0; l < layers.size(); l++) {
      HwLayer h = layers.get(l);
      MemoryKind ff = MemoryKind.BLOCK_RAM;
      MemoryKind rec = MemoryKind.BLOCK_RAM;
      for (WeightMem w : toSpram) {
        if (w.layer() == l) {
          if (w.recurrent()) {
            rec = MemoryKind.SPRAM;
          } else {
            ff = MemoryKind.SPRAM;
          }
        }
      }
      layers.set(l, h.withMemories(ff, rec));
    }
    return core.withLayers(layers);
  }

  /**
   * EBR estimate of the core's uninitialised memories (docs/hardware.md, "Memories and images"):
   * per layer the membranes (G words of P·M bits), the pending-current rings (R·G words of P·C bits in
   * one memory when the lanes share an address, i.e. no synapse set has per-synapse delays; else P
   * memories of R·G words of C bits) and the spike list (G words of log2(G) + P bits).
   */
  static int stateMemoryEbr(HwCore core) {
    int n = 0;
    for (HwLayer h : core.layers()) {
      int g = h.groups();
      int entry = (g <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(g - 1)) + h.lanes();
      n += MemoryTarget.ebrFor(Math.max(HwCore.MIN_DEPTH, g), h.lanes() * h.membraneWidth());
      int ring = Math.max(HwCore.MIN_DEPTH, h.ringSlots() * g);
      n += laneDelays(h) ? h.lanes() * MemoryTarget.ebrFor(ring, h.currentWidth())
          : MemoryTarget.ebrFor(ring, h.lanes() * h.currentWidth());
      n += MemoryTarget.ebrFor(Math.max(HwCore.MIN_DEPTH, g), entry);
    }
    return n;
  }

  /**
   * Whether the lanes of {@code h} address their pending currents apart: some synapse set carries
   * per-synapse delays (hw-gen {@code LayerEngine}: otherwise one pending memory for all lanes).
   */
  static boolean laneDelays(HwLayer h) {
    return h.feedforward().delayWidth() > 0 || (h.recurrentSynapses() != null && h.recurrentSynapses().delayWidth() > 0);
  }

  static int nextPowerOfTwo(int n) {
    return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
  }

  private static SynapseMode feedforwardMode(LayerSpec s) {
    boolean delays = s.axonalDelays() != null || s.synapticDelays() != null;
    return s.kind() == LayerKind.BINARIZED && !delays ? SynapseMode.CHUNK : SynapseMode.EVENT;
  }
}
