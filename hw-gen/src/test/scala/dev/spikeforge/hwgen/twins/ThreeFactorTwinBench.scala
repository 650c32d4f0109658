package dev.spikeforge.hwgen.twins

import chisel3._
import dev.spikeforge.hwgen.{GeneratedModule, HwDesire, HwFx, HwGen, HwThreeFactor, ReplayLaneParams,
  ThreeFactorReplayLane}
import java.nio.file.Path

/**
 * TEST FIXTURE: the three-factor twins of [[HwThreeFactor]] behind plain ports, checked against the
 * Java functions of `golden.learning.threefactor` (testbenches `ThreeFactorTwinsTest`). Independent
 * groups, driven one at a time:
 *  - `a_*`: a membrane `a_v2` (signed) against the constant `threshold`: the surrogate code `a_code` of
 *    `v2 − θ` and its entry `a_psi`;
 *  - `c_*`: a history register `c_hist` (`historyLength` bits, bit m = p[t − m]) and a delay `c_d`: the
 *    delayed spike `c_spike` and the FIR sum `c_fir`;
 *  - `d_*`: a delay trace `d_y`, a leak shift `d_k` and an input `d_in`: the delay-trace step `d_next`;
 *  - `e_*`: an eligibility `e_e` (`eligibilityWidth` bits), κ shift `e_kappa`, surrogate code `e_code` and a
 *    signed trace `e_trace`: the eligibility step `e_next`;
 *  - `f_*`: a shadow weight `f_sh` (`weightWidth + weightFracBits` bits), a learning signal `f_l` and an
 *    eligibility `f_e`, draw `f_rnd`: the stochastic update `f_sr` (shift `weightShift`), the HALF_EVEN
 *    update `f_he`, the forward weight of `f_sr` (`f_fw`);
 *  - `g_*`: a shadow delay `g_sh` (`delayWidth + delayFracBits` bits), a gradient term `g_term`, draw
 *    `g_rnd`: the stochastic update clamped to [0, maxDelay] (`g_sr`) and to [1, maxDelay] (`g_sr1`), the
 *    HALF_EVEN update (`g_he`) and the forward delay of `g_sr` (`g_fd`).
 *
 * `mutant` builds two deliberately wrong twins, which the test must catch: `c_fir` reading the FIR
 * one step late (delay d + 1), and `e_next` leaking after the addition (`sat(leak_κ(ē + ψ·trace))`).
 */
class ThreeFactorTwinBench(uWidth: Int, threshold: Int, psiShift: Int, psiTable: Seq[Int], psiWidth: Int, maxDelay: Int,
    taps: Seq[Int], yWidth: Int, kWidth: Int, inWidth: Int, eligibilityWidth: Int, traceWidth: Int,
    weightWidth: Int, weightFracBits: Int, signalWidth: Int, eWidth: Int, roundingBits: Int, weightShift: Int,
    delayWidth: Int, delayFracBits: Int, termWidth: Int, delayShift: Int, mutant: Boolean) extends RawModule {
  override def desiredName: String = "ThreeFactorTwinBench" + (if (mutant) "_mutant" else "")

  private def output(name: String, value: Data): Unit = {
    val port = IO(Output(chiselTypeOf(value))).suggestName(name)
    port := value
  }

  private val half = psiTable.length / 2
  private val codeWidth = HwThreeFactor.codeWidth(half)

  val a_v2 = IO(Input(SInt(uWidth.W)))
  private val code = HwThreeFactor.psiCode(a_v2, threshold, psiShift, half)
  output("a_code", code)
  output("a_psi", HwThreeFactor.psiValue(code, psiTable, psiWidth))

  val c_hist = IO(Input(UInt((maxDelay + taps.length / 2 + 1).W)))
  val c_d = IO(Input(UInt(math.max(1, chisel3.util.log2Ceil(maxDelay + 1)).W)))
  output("c_spike", HwThreeFactor.delayedSpike(c_hist, c_d))
  output("c_fir", HwThreeFactor.fir(c_hist, if (mutant) c_d +& 1.U else c_d, taps))

  val d_y = IO(Input(SInt(yWidth.W)))
  val d_k = IO(Input(UInt(kWidth.W)))
  val d_in = IO(Input(SInt(inWidth.W)))
  output("d_next", HwThreeFactor.delayTraceStep(d_y, d_k, d_in))

  val e_e = IO(Input(SInt(eligibilityWidth.W)))
  val e_kappa = IO(Input(UInt(kWidth.W)))
  val e_code = IO(Input(UInt(codeWidth.W)))
  val e_trace = IO(Input(SInt(traceWidth.W)))
  private val psi = HwThreeFactor.psiValue(e_code, psiTable, psiWidth)
  if (mutant) {
    output("e_next", HwFx.saturateSigned(HwFx.leak(e_e +& psi.zext * e_trace, e_kappa), eligibilityWidth))
  } else {
    output("e_next", HwThreeFactor.eligibilityStep(e_e, e_kappa, psi, e_trace, eligibilityWidth))
  }

  private val shadowWidth = weightWidth + weightFracBits
  val f_sh = IO(Input(SInt(shadowWidth.W)))
  val f_l = IO(Input(SInt(signalWidth.W)))
  val f_e = IO(Input(SInt(eWidth.W)))
  val f_rnd = IO(Input(UInt(roundingBits.W)))
  private val stochastic = HwThreeFactor.updatedShadowWeight(f_sh, f_l * f_e, weightShift, Some(f_rnd), shadowWidth)
  output("f_sr", stochastic)
  output("f_he", HwThreeFactor.updatedShadowWeight(f_sh, f_l * f_e, weightShift, None, shadowWidth))
  output("f_fw", HwDesire.forwardWeight(stochastic, weightFracBits, weightWidth))

  val g_sh = IO(Input(UInt((delayWidth + delayFracBits).W)))
  val g_term = IO(Input(SInt(termWidth.W)))
  val g_rnd = IO(Input(UInt(roundingBits.W)))
  private val delayed =
    HwThreeFactor.updatedShadowDelay(g_sh, g_term, delayShift, Some(g_rnd), delayFracBits, 0, maxDelay)
  output("g_sr", delayed)
  output("g_sr1", HwThreeFactor.updatedShadowDelay(g_sh, g_term, delayShift, Some(g_rnd), delayFracBits, 1, maxDelay))
  output("g_he", HwThreeFactor.updatedShadowDelay(g_sh, g_term, delayShift, None, delayFracBits, 0, maxDelay))
  output("g_fd", HwThreeFactor.forwardDelay(delayed, delayFracBits, delayWidth))
}

/** Java-callable emitters of the three-factor benches (test sources only). */
object ThreeFactorBenches {
  def emitTwinBench(uWidth: Int, threshold: Int, psiShift: Int, psiTable: Array[Int], psiWidth: Int, maxDelay: Int, taps: Array[Int],
      yWidth: Int, kWidth: Int, inWidth: Int, eligibilityWidth: Int, traceWidth: Int, weightWidth: Int,
      weightFracBits: Int, signalWidth: Int, eWidth: Int, roundingBits: Int, weightShift: Int, delayWidth: Int,
      delayFracBits: Int, termWidth: Int, delayShift: Int, mutant: Boolean, outDir: Path): GeneratedModule =
    HwGen.emit(new ThreeFactorTwinBench(uWidth, threshold, psiShift, psiTable.toSeq, psiWidth, maxDelay, taps.toSeq, yWidth,
      kWidth, inWidth, eligibilityWidth, traceWidth, weightWidth, weightFracBits, signalWidth, eWidth, roundingBits,
      weightShift, delayWidth, delayFracBits, termWidth, delayShift, mutant), outDir)

  /** A [[ThreeFactorReplayLane]] (clocked: `clock`, `reset` unused). */
  def emitReplayLane(traceFracBits: Int, maxLeakShift: Int, timesteps: Int, kappaWidth: Int, maxDelay: Int,
      taps: Array[Int], psiTable: Array[Int], psiWidth: Int, eligibilityWidth: Int, outDir: Path): GeneratedModule =
    HwGen.emit(new ThreeFactorReplayLane(ReplayLaneParams(traceFracBits, maxLeakShift, timesteps, kappaWidth, maxDelay,
      taps.toSeq, psiTable.toSeq, psiWidth, eligibilityWidth)), outDir)
}

/** Java-callable emitter of a replay lane elaborated from a learning spec (test sources only). */
object ThreeFactorLaneBenches {
  /** The [[ThreeFactorReplayLane]] of `spec` for leak shifts up to `maxLeakShift` and delays up to `maxDelay`. */
  def emitReplayLaneOf(spec: dev.spikeforge.golden.spec.hw.HwThreeFactorLearning, maxLeakShift: Int, timesteps: Int,
      maxDelay: Int, outDir: Path): GeneratedModule =
    HwGen.emit(new ThreeFactorReplayLane(ReplayLaneParams.of(spec, maxLeakShift, timesteps, maxDelay)), outDir)
}
