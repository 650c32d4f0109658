/**
 * Three-factor (e-prop form) learning of weights and delays as pure update functions, in a float
 * form and a bit-exact integer form: the Gaussian surrogate ψ (float function and integer lookup
 * table), presynaptic traces, the smoothed time-derivative of a delayed spike train (float kernel
 * and integer FIR lookup table), κ-filtered eligibilities, the output error, the learning signal
 * {@code L_j = Σ_k B_jk (π_k − π*_k)} with symmetric or LFSR-generated random feedback, and the
 * shadow-weight and shadow-delay updates. Every width, shift and rounding of the integer form is
 * specified in {@code docs/learning.md (Part II)}; the training loops that call these functions
 * live in {@code dev.spikeforge.golden.train.threefactor}.
 */
package dev.spikeforge.golden.learning.threefactor;
