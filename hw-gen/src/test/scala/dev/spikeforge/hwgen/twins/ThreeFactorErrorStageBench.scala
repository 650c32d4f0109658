package dev.spikeforge.hwgen.twins

import dev.spikeforge.golden.spec.hw.{HwCore, HwThreeFactorLearning}
import dev.spikeforge.hwgen.{ErrorStageParams, GeneratedModule, HwGen, ThreeFactorErrorStage}
import java.nio.file.Path

/**
 * TEST FIXTURE: a [[ThreeFactorErrorStage]] whose label output gets the others' error, max(0, π − off), instead of
 * min(0, π − on), which the error-stage test must catch.
 */
class LabelAsOtherErrorStage(p: ErrorStageParams) extends ThreeFactorErrorStage(p) {
  override protected def variant: String = "_labelAsOther"
  override protected def labelHinge: Boolean = false
}

/** Java-callable emitters of the three-factor error stage (test sources only). */
object ThreeFactorErrorStageBench {
  /** The error stage of `core` under `spec`. */
  def emit(spec: HwThreeFactorLearning, core: HwCore, outDir: Path): GeneratedModule =
    HwGen.emit(new ThreeFactorErrorStage(ErrorStageParams.of(spec, core)), outDir)

  /** As [[emit]], the mutant whose label output has the others' hinge. */
  def emitLabelAsOther(spec: HwThreeFactorLearning, core: HwCore, outDir: Path): GeneratedModule =
    HwGen.emit(new LabelAsOtherErrorStage(ErrorStageParams.of(spec, core)), outDir)

  /** Clocks from its start to `out_busy` falling. */
  def clocks(spec: HwThreeFactorLearning, core: HwCore): Int = ErrorStageParams.of(spec, core).clocks
}
