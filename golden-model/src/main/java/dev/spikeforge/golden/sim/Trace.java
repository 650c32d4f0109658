package dev.spikeforge.golden.sim;

import java.util.List;

/**
 * The per-step record of one sample through the integer golden model; the reference a testbench
 * compares the RTL against. Stored on disk by {@link dev.spikeforge.golden.io.TraceFile}.
 *
 * @param networkName name of the network
 * @param networkHash content hash of the network (see NetworkJson.contentHash), or "" if unknown
 * @param inputSize number of input channels
 * @param layerSizes neurons per layer
 * @param membraneWidths membrane width per layer (bits stored per membrane)
 * @param steps one entry per simulated step (fewer than T after an early exit)
 * @param result the decision and statistics
 */
public record Trace(
    String networkName,
    String networkHash,
    int inputSize,
    int[] layerSizes,
    int[] membraneWidths,
    List<TraceStep> steps,
    SimResult result) {}
