/**
 * Learning rules as pure update functions, in a floating-point form and an integer form that the
 * on-chip learning units execute bit for bit. Desire backpropagation (Gerlinghoff et al., 2023):
 * {@link dev.spikeforge.golden.learning.DesireBackprop} (float) and {@link
 * dev.spikeforge.golden.learning.DesireBackpropInt} (integer: shifts, adds, saturation, the LFSR),
 * with their parameters ({@link dev.spikeforge.golden.learning.DesireParams}, {@link
 * dev.spikeforge.golden.learning.DesireIntParams}), the LFSR dropout masks ({@link
 * dev.spikeforge.golden.learning.DropoutMask}) and the Kaiming-normal initialisation ({@link
 * dev.spikeforge.golden.learning.KaimingNormal}). Equations and every width: {@code docs/learning.md}.
 * The training loops that call these functions live in {@code dev.spikeforge.golden.train}.
 */
package dev.spikeforge.golden.learning;
