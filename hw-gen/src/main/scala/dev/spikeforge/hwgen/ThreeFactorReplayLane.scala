package dev.spikeforge.hwgen

import chisel3._
import chisel3.util.{log2Ceil, Cat}
import dev.spikeforge.golden.numerics.Fx
import dev.spikeforge.golden.spec.hw.HwThreeFactorLearning

/**
 * The widths and tables one replay lane is elaborated from.
 *
 * @param traceFracBits F_x, a presynaptic spike adds 2^F_x to x̄
 * @param maxLeakShift the largest leak shift k the lane is driven with (k = 0..maxLeakShift)
 * @param timesteps T, the steps of a replay
 * @param kappaWidth bits of the κ shift input
 * @param maxDelay the largest forward delay d (the history register holds maxDelay + R + 1 steps)
 * @param taps the FIR taps, offsets −R..R
 * @param psiTable the surrogate entries (index: the code)
 * @param psiWidth bits of an entry, P_ψ + 1
 * @param eligibilityWidth A, the signed saturating accumulators ē^W and ē^ȳ
 * @param delayTraces whether the lane replays ȳ and ē^ȳ (a synapse with a learned delay); without, both outputs
 *     are 0 and the history register holds only the maxDelay steps of the forward delay
 */
final case class ReplayLaneParams(traceFracBits: Int, maxLeakShift: Int, timesteps: Int, kappaWidth: Int,
    maxDelay: Int, taps: Seq[Int], psiTable: Seq[Int], psiWidth: Int, eligibilityWidth: Int,
    delayTraces: Boolean = true) {
  require(taps.length % 2 == 1 && taps.length >= 3, s"an odd number of taps ≥ 3, got ${taps.length}")
  require(psiTable.length % 2 == 0 && psiTable.nonEmpty, s"an even number of surrogate entries, got ${psiTable.length}")
  require(maxDelay >= 0 && maxLeakShift >= 0 && kappaWidth >= 1, s"maxDelay $maxDelay, maxLeakShift $maxLeakShift, kappaWidth $kappaWidth")

  /** R. */
  def radius: Int = taps.length / 2

  /** Steps of presynaptic history the lane keeps: every p[t − d − Δ] with d ≤ maxDelay, Δ ≥ −R (Δ = 0 without ȳ). */
  def historyLength: Int = maxDelay + (if (delayTraces) radius else 0) + 1

  /** Bits of the forward delay input. */
  def delayWidth: Int = math.max(1, log2Ceil(maxDelay + 1))

  /** Bits of the leak-shift input. */
  def leakWidth: Int = math.max(1, log2Ceil(maxLeakShift + 1))

  /** The largest `HwThreeFactorLearning.traceGain` over the leak shifts 0..maxLeakShift. */
  private def gain: Long = (0 to maxLeakShift).map(k => HwThreeFactorLearning.traceGain(k, timesteps)).max

  /** Bits of x̄: unsigned, at most 2^F_x·gain (`HwThreeFactorLearning.traceWidth`). */
  def traceWidth: Int = Fx.unsignedWidthFor(gain << traceFracBits)

  /** Bits of ȳ: signed, |ȳ| ≤ Σ|tap|·gain (`HwThreeFactorLearning.delayTraceWidth`). */
  def delayTraceWidth: Int = {
    val max = taps.map(t => math.abs(t.toLong)).sum * gain
    Fx.signedWidthFor(-max, max)
  }

  /** Bits of a surrogate code. */
  def codeWidth: Int = HwThreeFactor.codeWidth(psiTable.length / 2)
}

/** Lane parameters from the learning spec. */
object ReplayLaneParams {

  /** A lane of `spec` for T = `timesteps`, leak shifts up to `maxLeakShift` and delays up to `maxDelay`. */
  def of(spec: HwThreeFactorLearning, maxLeakShift: Int, timesteps: Int, maxDelay: Int): ReplayLaneParams =
    of(spec, maxLeakShift, timesteps, maxDelay, delayTraces = true)

  /** As [[of]], with or without the delay trace ȳ and its eligibility (a layer without learned delays). */
  def of(spec: HwThreeFactorLearning, maxLeakShift: Int, timesteps: Int, maxDelay: Int, delayTraces: Boolean)
      : ReplayLaneParams =
    ReplayLaneParams(spec.traceFracBits, maxLeakShift, timesteps, math.max(1, log2Ceil(spec.kappaShift + 1)), maxDelay,
      spec.derivTaps.toSeq, spec.psiTable.toSeq, spec.psiWidth, spec.eligibilityWidth, delayTraces)
}

/**
 * One replay lane of the three-factor learning unit (docs/learning.md Part II §9.3, docs/hardware.md §7.2):
 * replays one synapse (or, with axonal delays or none, one presynaptic row) over the T steps of the
 * sample just run, one step per clock, from the stored presynaptic spike train p and the postsynaptic
 * neuron's surrogate codes, and accumulates its eligibilities. `clear` starts a replay (every register 0:
 * all state starts at 0 with the sample; reset clears it too); each clock with `step` set takes `p[t]` (`spike`) and the code
 * of step t (`code`) and computes, in `ReplayLayerLearner`'s order,
 * {{{
 *   x̄ ← leak_k(x̄) + (p[t − d] ? 2^F_x : 0)
 *   ȳ ← leak_k(ȳ) + Σ_Δ tap[Δ]·p[t − d − Δ]          (causal: d + Δ ≥ 0, t − d − Δ ≥ 0)
 *   ē^W ← sat_A(leak_κ(ē^W) + ψ(code)·x̄)
 *   ē^ȳ ← sat_A(leak_κ(ē^ȳ) + ψ(code)·ȳ)
 * }}}
 * with the forward delay `d` and the shifts k and κ held for the replay (without `delayTraces`, ȳ and ē^ȳ
 * stay 0). After T steps the outputs are
 * the synapse's `ē^W[T−1]` and `ē^ȳ[T−1]` (and the traces of step T−1). A shift register of
 * `maxDelay + R` bits and the incoming spike hold the presynaptic train (bit m = p[t − m]), so no history is
 * read twice.
 */
class ThreeFactorReplayLane(p: ReplayLaneParams) extends Module {
  override def desiredName: String =
    s"ThreeFactorReplayLane_f${p.traceFracBits}k${p.maxLeakShift}t${p.timesteps}d${p.maxDelay}r${p.radius}a${p.eligibilityWidth}"

  val in_clear = IO(Input(Bool()))
  val in_step = IO(Input(Bool()))
  val in_spike = IO(Input(Bool()))
  val in_code = IO(Input(UInt(p.codeWidth.W)))
  val in_delay = IO(Input(UInt(p.delayWidth.W)))
  val in_leakShift = IO(Input(UInt(p.leakWidth.W)))
  val in_kappaShift = IO(Input(UInt(p.kappaWidth.W)))
  val out_trace = IO(Output(UInt(p.traceWidth.W)))
  val out_delayTrace = IO(Output(SInt(p.delayTraceWidth.W)))
  val out_eligibilityW = IO(Output(SInt(p.eligibilityWidth.W)))
  val out_eligibilityD = IO(Output(SInt(p.eligibilityWidth.W)))

  // bits 0..L−2 of the last step's train (none for L = 1: no delay, no ȳ)
  private val history = if (p.historyLength > 1) Some(RegInit(0.U((p.historyLength - 1).W))) else None
  private val x = RegInit(0.U(p.traceWidth.W))
  private val y = RegInit(0.S(p.delayTraceWidth.W))
  private val eW = RegInit(0.S(p.eligibilityWidth.W))
  private val eD = RegInit(0.S(p.eligibilityWidth.W))

  private val shifted = history.map(h => Cat(h, in_spike)).getOrElse(in_spike.asUInt) // bit m = p[t − m]
  // the traces start at 0 and stay within their widths (ReplayLaneParams), so the top bits are zero or sign
  private val xNext = HwDesire.traceStep(x, in_leakShift, p.traceFracBits,
    HwThreeFactor.delayedSpike(shifted, in_delay))(p.traceWidth - 1, 0)
  private val firSum = HwThreeFactor.fir(shifted, in_delay, p.taps)
  private val yNext = HwThreeFactor.delayTraceStep(y, in_leakShift, firSum)(p.delayTraceWidth - 1, 0).asSInt
  private val psi = HwThreeFactor.psiValue(in_code, p.psiTable, p.psiWidth)

  when(in_clear) {
    history.foreach(_ := 0.U)
    x := 0.U
    y := 0.S
    eW := 0.S
    eD := 0.S
  }.elsewhen(in_step) {
    history.foreach(_ := shifted(p.historyLength - 2, 0))
    x := xNext
    eW := HwThreeFactor.eligibilityStep(eW, in_kappaShift, psi, xNext.zext, p.eligibilityWidth)
    if (p.delayTraces) {
      y := yNext
      eD := HwThreeFactor.eligibilityStep(eD, in_kappaShift, psi, yNext, p.eligibilityWidth)
    }
  }

  out_trace := x
  out_delayTrace := y
  out_eligibilityW := eW
  out_eligibilityD := eD
}
