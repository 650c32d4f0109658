package dev.spikeforge.hwgen.twins

import chisel3._
import dev.spikeforge.golden.spec.hw.HwCore
import dev.spikeforge.hwgen.{GeneratedModule, HwGen, SnnCore, ThreeFactorUnit}
import java.nio.file.Path

/**
 * A deliberate mistake in the three-factor learning core (testbenches `ThreeFactorLearningCoreTest`): the unit
 * records every delivered input spike one step late (p_i[t] at t + 1), so the hidden layer's replay sees every
 * input history shifted by a step. The verifier must catch it at the first shadow that differs.
 */
class LateInputHistoryUnit(core: HwCore) extends ThreeFactorUnit(core) {
  override protected def variant: String = "_lateInputHistory"
  override protected def inputSpikeStep(step: UInt): UInt = step +& 1.U
}

/** The learning core with [[LateInputHistoryUnit]]. */
class LateInputHistoryCore(core: HwCore) extends SnnCore(core) {
  override protected def threeFactorUnit(c: HwCore): ThreeFactorUnit = new LateInputHistoryUnit(c)
}

/**
 * A deliberate mistake in a recurrent three-factor learning core: the unit records the hidden layer's own spikes (the
 * walk's recurrent rows n + k) one step late, so only the recurrent rows replay a shifted history: the verifier must
 * catch it at a recurrent word (the feedforward words stay right).
 */
class LateHiddenHistoryUnit(core: HwCore) extends ThreeFactorUnit(core) {
  override protected def variant: String = "_lateHiddenHistory"
  override protected def hiddenSpikeStep(step: UInt): UInt = step +& 1.U
}

/** The learning core with [[LateHiddenHistoryUnit]]. */
class LateHiddenHistoryCore(core: HwCore) extends SnnCore(core) {
  override protected def threeFactorUnit(c: HwCore): ThreeFactorUnit = new LateHiddenHistoryUnit(c)
}

/** Emitters of the mutant cores, for the testbenches (Java). */
object ThreeFactorCoreMutants {
  /** Elaborates [[LateHiddenHistoryCore]] of `core` (a recurrent one) into `outDir` (top module `SnnCore`). */
  def emitLateHiddenHistoryCore(core: HwCore, outDir: Path): GeneratedModule =
    HwGen.emit(new LateHiddenHistoryCore(core), outDir)

  /** Elaborates [[LateInputHistoryCore]] of `core` into `outDir` (top module `SnnCore`). */
  def emitLateInputHistoryCore(core: HwCore, outDir: Path): GeneratedModule =
    HwGen.emit(new LateInputHistoryCore(core), outDir)
}
