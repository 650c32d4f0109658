/**
 * Online training through time (OTTT; Xiao et al., NeurIPS 2022), the sample loop: {@link
 * dev.spikeforge.golden.train.ottt.OtttEngine} (a {@code train.TrainingEngine}) over a float or an
 * integer model of a feedforward or recurrent network, configured by {@link
 * dev.spikeforge.golden.train.ottt.OtttConfig}. At every step: the forward pass of every layer
 * (delay 0 between layers), the instantaneous output error and its backpropagation through space
 * (not through time), and the weight step {@code −η·δ_post·â_pre} from the presynaptic traces;
 * memory does not grow with T. Arithmetic in {@code golden.learning.ottt}; docs/learning.md Part III.
 */
package dev.spikeforge.golden.train.ottt;
