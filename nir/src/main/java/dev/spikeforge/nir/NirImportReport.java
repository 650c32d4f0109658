package dev.spikeforge.nir;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code nir import} wrote and how.
 *
 * @param output the model file written
 * @param format {@code spikeforge.network} (integer contract from the metadata) or {@code
 *     spikeforge.float-network}
 * @param name the model name
 * @param nirVersion the NIR version the file declares
 * @param discretisation the step and rule used, e.g. {@code dt = 1.0E-4 s, euler}, and where each came from
 * @param timesteps T of the model written
 * @param timestepsFrom where T came from (the option, the exporter's metadata or the default)
 * @param fromMetadata whether the exact network from the file's spikeforge metadata was written
 *     (it matched the graph); false = the network derived from the graph
 * @param layerLines one line per layer: which node it came from and how its parameters mapped
 * @param warnings approximations taken and metadata ignored; empty when the import is exact
 */
public record NirImportReport(Path output, String format, String name, String nirVersion, String discretisation,
    int timesteps, String timestepsFrom, boolean fromMetadata, List<String> layerLines, List<String> warnings) {}
