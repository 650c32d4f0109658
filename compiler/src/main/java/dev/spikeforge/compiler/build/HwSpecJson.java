package dev.spikeforge.compiler.build;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwField;
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.golden.spec.hw.HwMemory;
import dev.spikeforge.golden.spec.hw.HwSynapses;
import dev.spikeforge.golden.spec.hw.HwWordLayout;

/**
 * The hardware spec as JSON (the manifest's {@code hardware} and {@code memories} sections): the
 * primary fields of {@link HwCore} and {@link HwLayer} plus every derived width, so that the
 * manifest states every width the RTL was generated with. Canonical: fixed field order.
 */
public final class HwSpecJson {
  private HwSpecJson() {}

  public static ObjectNode core(HwCore c) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("top", HwCore.TOP);
    o.put("inputSize", c.inputSize());
    o.put("inputWordWidth", c.inputWordWidth());
    o.put("timesteps", c.timesteps());
    o.put("readoutMode", c.readoutMode().name());
    o.put("decisionCount", c.decisionCount());
    o.put("outputSize", c.outputSize());
    o.put("indexWidth", c.indexWidth());
    o.put("predictionWidth", c.predictionWidth());
    o.put("countWidth", c.countWidth());
    o.put("stepWidth", HwCore.STEP_WIDTH);
    o.put("layerWidth", c.layerWidth());
    o.put("neuronWidth", c.neuronWidth());
    o.put("traceLanes", c.traceLanes());
    o.put("traceMembraneWidth", c.traceMembraneWidth());
    o.put("sprams", c.sprams());
    ObjectNode load = o.putObject("loadPort");
    load.put("memoryWidth", c.loadMemoryWidth());
    load.put("addressWidth", c.loadAddressWidth());
    load.put("dataWidth", c.loadDataWidth());
    ArrayNode layers = o.putArray("layers");
    for (HwLayer h : c.layers()) {
      ObjectNode x = layer(h);
      if (c.learns()) {
        x.put("shadowBits", h.shadowBits());
        x.put("storedWeightWidth", h.storedWeightWidth());
        x.put("currentScale", h.currentScale());
        x.put("neuronCurrentWidth", h.neuron().currentWidth());
      }
      layers.add(x);
    }
    if (c.learns()) {
      o.set("learning", LearningJson.manifest(c.learningUnit(), c));
    }
    return o;
  }

  static ObjectNode layer(HwLayer h) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("kind", h.kind().name());
    o.put("inputSize", h.inputSize());
    o.put("size", h.size());
    o.put("lanes", h.lanes());
    o.put("groups", h.groups());
    o.put("weightWidth", h.weightWidth());
    o.put("membraneWidth", h.membraneWidth());
    o.put("currentWidth", h.currentWidth());
    o.put("thresholdWidth", h.thresholdWidth());
    o.put("leakShiftWidth", h.leakShiftWidth());
    o.put("maxDelay", h.maxDelay());
    o.put("ringSlots", h.ringSlots());
    o.put("delayMode", h.delayMode().name());
    o.put("delayWidth", h.delayWidth());
    o.put("recurrent", h.recurrent());
    o.put("recurrentDelays", h.recurrentDelays());
    o.put("recurrentDelayWidth", h.recurrentDelayWidth());
    o.put("feedforwardMemory", h.feedforwardMemory().name());
    if (h.recurrent()) {
      o.put("recurrentMemory", h.recurrentMemory().name());
    }
    o.set("feedforward", synapses(h.feedforward()));
    if (h.recurrent()) {
      o.set("recurrentSynapses", synapses(h.recurrentSynapses()));
    }
    return o;
  }

  static ObjectNode synapses(HwSynapses s) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("mode", s.mode().name());
    o.put("sources", s.sources());
    o.put("edgeWidth", s.edgeWidth());
    o.put("chunkWidth", s.chunkWidth());
    o.put("rows", s.rows());
    o.put("depth", s.depth());
    o.put("delayWidth", s.delayWidth());
    o.put("constantDelay", s.constantDelay());
    return o;
  }

  public static ArrayNode memories(HwCore c) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (HwMemory m : c.memories()) {
      ObjectNode o = a.addObject();
      o.put("loadIndex", c.loadIndex(m));
      o.put("kind", m.kind().name());
      o.put("file", m.file());
      o.put("layer", m.layer());
      o.put("role", m.role().name());
      o.put("depth", m.depth());
      o.put("width", m.width());
      o.put("lanes", m.lanes());
      o.put("laneWidth", m.laneWord().width());
      o.set("laneWord", layout(m.laneWord()));
    }
    return a;
  }

  static ArrayNode layout(HwWordLayout w) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (HwField f : w.fields()) {
      a.addObject().put("name", f.name()).put("width", f.width()).put("offset", f.offset()).put("signed", f.signed());
    }
    return a;
  }
}
