package dev.spikeforge.hwgen.twins

import dev.spikeforge.golden.spec.hw.{HwCore, HwThreeFactorLearning}
import dev.spikeforge.hwgen.{GeneratedModule, HwGen, LayerLearnerParams, ThreeFactorLayerLearner}
import java.nio.file.Path

/**
 * TEST FIXTURE: a [[ThreeFactorLayerLearner]] that draws a synaptic delay's rounding bits after its weight's
 * instead of before (the trainer draws the delay first), which the walk test must catch.
 */
class SwappedDrawsLayerLearner(p: LayerLearnerParams) extends ThreeFactorLayerLearner(p) {
  override protected def variant: String = "_swappedDraws"
  override protected def delayDrawFirst: Boolean = false
}

/**
 * TEST FIXTURE: a [[ThreeFactorLayerLearner]] whose recurrent rows (without recurrent delays) replay the hidden
 * history at delay 0 instead of the trainer's 1, which the recurrent walk test must catch.
 */
class RecurrentDelayZeroLayerLearner(p: LayerLearnerParams) extends ThreeFactorLayerLearner(p) {
  override protected def variant: String = "_recurrentDelay0"
  override protected def fixedRecurrentDelay: Int = 0
}

/** Java-callable emitters of the three-factor layer learner (test sources only). */
object ThreeFactorLearnerBenches {
  /** The update walk of `core`'s hidden layer (`layer` 0) or output layer (1) under `spec`. */
  def emitLayerLearner(spec: HwThreeFactorLearning, core: HwCore, layer: Int, outDir: Path): GeneratedModule =
    HwGen.emit(new ThreeFactorLayerLearner(params(spec, core, layer)), outDir)

  /** As [[emitLayerLearner]], the mutant with swapped draws. */
  def emitSwappedDrawsLearner(spec: HwThreeFactorLearning, core: HwCore, layer: Int, outDir: Path): GeneratedModule =
    HwGen.emit(new SwappedDrawsLayerLearner(params(spec, core, layer)), outDir)

  /** As [[emitLayerLearner]], the mutant whose recurrent rows replay at delay 0. */
  def emitRecurrentDelayZeroLearner(spec: HwThreeFactorLearning, core: HwCore, layer: Int, outDir: Path)
      : GeneratedModule =
    HwGen.emit(new RecurrentDelayZeroLayerLearner(params(spec, core, layer)), outDir)

  /** Clocks from the start of `layer`'s walk to its end. */
  def walkClocks(spec: HwThreeFactorLearning, core: HwCore, layer: Int): Int = params(spec, core, layer).walkClocks

  private def params(spec: HwThreeFactorLearning, core: HwCore, layer: Int): LayerLearnerParams =
    if (layer == 0) LayerLearnerParams.hidden(spec, core) else LayerLearnerParams.output(spec, core)
}
