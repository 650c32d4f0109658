package dev.spikeforge.hwgen.twins

import dev.spikeforge.golden.spec.hw.{HwCore, HwThreeFactorLearning}
import dev.spikeforge.hwgen.{ErrorStageParams, GeneratedModule, HwGen, ThreeFactorErrorStage}
import java.nio.file.Path

/** Java-callable emitter of the three-factor error stage (test sources only). */
object ThreeFactorErrorStageBench {
  /** The error stage of `core` under `spec`. */
  def emit(spec: HwThreeFactorLearning, core: HwCore, outDir: Path): GeneratedModule =
    HwGen.emit(new ThreeFactorErrorStage(ErrorStageParams.of(spec, core)), outDir)

  /** Clocks from its start to `out_busy` falling. */
  def clocks(spec: HwThreeFactorLearning, core: HwCore): Int = ErrorStageParams.of(spec, core).clocks
}
