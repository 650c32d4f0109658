package dev.spikeforge.nir;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code nir export} wrote.
 *
 * @param output the NIR file
 * @param format the format of the model exported
 * @param name the model name
 * @param nodes the number of NIR nodes written
 * @param edges the number of edges
 * @param warnings what other tools will not compute as spikeforge does (reset by subtraction,
 *     integer rounding of the leak)
 */
public record NirExportReport(Path output, String format, String name, int nodes, int edges, List<String> warnings) {}
