/**
 * Representation topology divergence (RTD; Barannikov et al., ICML 2022, arXiv 2201.00058): how
 * much the topology (connected components, H0, and loops, H1) of one representation of a set of
 * inputs differs from another's, from the persistence barcode of the R-Cross-Barcode graph ({@link
 * dev.spikeforge.golden.analysis.rtd.Rtd}) computed by a Vietoris–Rips H0/H1 reduction of its own
 * ({@link dev.spikeforge.golden.analysis.rtd.VietorisRips}: no persistent-homology library is on Maven
 * Central). Read-only: it never changes a network. docs/learning.md Part IV §5.
 */
package dev.spikeforge.golden.analysis.rtd;
