/**
 * Quantization: the pass that turns the floating-point reference model ({@link
 * dev.spikeforge.golden.network.FloatNetwork}) into the integer hardware contract ({@link
 * dev.spikeforge.golden.spec.NetworkSpec}), and the read-only analysis that reports what the pass
 * cost in precision and memory.
 *
 * <p>Public entry points: {@link dev.spikeforge.compiler.quantize.Quantizer#quantize} (the pass),
 * {@link dev.spikeforge.compiler.quantize.QuantizationReport#analyze} (the analysis) and {@link
 * dev.spikeforge.compiler.quantize.QuantizationConfig} (what to do). Every rounding and saturation
 * goes through {@link dev.spikeforge.golden.numerics.FixedFormat#quantize}; nothing here rounds by
 * hand. The method is explained in {@code docs/quantization.md}.
 */
package dev.spikeforge.compiler.quantize;
