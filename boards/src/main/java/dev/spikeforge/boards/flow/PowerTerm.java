package dev.spikeforge.boards.flow;

/**
 * One term of a power estimate.
 *
 * @param name       what draws the power, e.g. {@code logic cells}
 * @param milliwatts estimated power, to the µW
 * @param basis      the arithmetic, e.g. "1031 cells x 12 MHz x 0.125 x 0.33 µA/MHz x 1.2 V"
 * @param source     where the coefficient comes from, and whether it is measured or assumed
 */
public record PowerTerm(String name, double milliwatts, String basis, String source) {}
