package dev.spikeforge.hwgen

import chisel3._
import chisel3.util.{log2Ceil, MuxLookup}
import dev.spikeforge.golden.numerics.{Fx, Rounding}

/**
 * Hardware twins of the arithmetic of the three-factor rule's hardware form
 * (`dev.spikeforge.golden.learning.threefactor`, docs/learning.md Part II §9), built from [[HwFx]] and
 * [[HwDesire]]: the surrogate code a learning layer stores per neuron and step and its table lookup
 * (`SurrogateLut.code`, `value`), the delayed presynaptic spike and the causal FIR window of a spike
 * history register (`DerivativeLut.derivative`), the delay-trace step (`Traces.step`), the eligibility
 * step (`Eligibility.accumulate`), the shadow weight and delay updates with HALF_EVEN or stochastic
 * rounding (`WeightUpdate.applyShadow`, `DelayUpdate.applyShadow`, `UpdateRounding`) and the forward
 * delay of a shadow delay (`DelayUpdate.forward`), the output error (`OutputError.delta`) and a random
 * feedback entry (`RandomFeedback.generate`). The presynaptic trace step is [[HwDesire.traceStep]]
 * and the forward weight [[HwDesire.forwardWeight]]: the same functions in both rules.
 *
 * Combinational; widths from the arguments' types and from parameters the caller takes from
 * `spec.hw.HwThreeFactorLearning`, never typed in. Tested exhaustively at narrow widths against the Java
 * functions in Verilator and Icarus (testbenches `ThreeFactorTwinsTest`).
 */
object HwThreeFactor {

  /** Bits of a surrogate code for `half` entries on each side: it holds 0..2·half (`SurrogateLut.codeWidth`). */
  def codeWidth(half: Int): Int = log2Ceil(2 * half + 1)

  /**
   * `SurrogateLut.code(v2 − θ)`: `q = (v2 − θ) >> psiShift` (floor), `q + half` for `−half ≤ q < half`, else
   * `2·half` (ψ = 0); [[codeWidth]] bits. `v2` is the membrane after leak and integration, before the
   * threshold (the value the neuron compares with θ).
   */
  def psiCode(v2: SInt, threshold: BigInt, psiShift: Int, half: Int): UInt = {
    require(threshold >= 0, s"threshold must be non-negative, got $threshold")
    psiCodeOf(v2, threshold.U, psiShift, half) // one circuit: the twin bench tests the core's function
  }

  /**
   * [[psiCode]] with the threshold θ a runtime input (unsigned, from a learning core's neuron-parameter word):
   * `q = (v2 − θ) >> psiShift` (floor), `q + half` for `−half ≤ q < half`, else `2·half`. The same function of
   * `SurrogateLut.code`; a core reads θ from its parameter memory, so it cannot fold it into a constant.
   */
  def psiCodeOf(v2: SInt, threshold: UInt, psiShift: Int, half: Int): UInt = {
    // ⌊(v2 − θ)/2^s⌋ = ⌊v2/2^s⌋ − ⌊θ/2^s⌋ − (v2 mod 2^s < θ mod 2^s): no bit of a difference is left unused
    val borrow = if (psiShift == 0) false.B else v2.asUInt(psiShift - 1, 0) < threshold.pad(psiShift)(psiShift - 1, 0)
    val q = (v2 >> psiShift) -& (threshold >> psiShift).zext -& borrow.zext
    val inside = q >= (-half).S && q < half.S
    val w = codeWidth(half)
    Mux(inside, (q +& half.S).asUInt.pad(w)(w - 1, 0), (2 * half).U(w.W))
  }

  /** `SurrogateLut.value(code)`: the entry `table(code)`, or 0 for the code `2·half`; `psiWidth` bits, unsigned. */
  def psiValue(code: UInt, table: Seq[Int], psiWidth: Int): UInt =
    MuxLookup(code, 0.U(psiWidth.W))(table.zipWithIndex.map { case (v, i) => i.U -> v.U(psiWidth.W) })

  /**
   * `p[t − d − offset]` from a history register whose bit m holds `p[t − m]` (0 before the sample): bit
   * `d + offset` of it, or 0 where `d + offset` lies outside the register (a spike not yet emitted, or older
   * than the register keeps). One multiplexer over the delays `d` can take.
   */
  def delayedBit(history: UInt, d: UInt, offset: Int): Bool = {
    val entries = (0 until (1 << d.getWidth)).map(v => v + offset)
      .zipWithIndex.collect { case (m, v) if m >= 0 && m < history.getWidth => v.U -> history(m) }
    if (entries.isEmpty) false.B else MuxLookup(d, false.B)(entries)
  }

  /** The spike that reaches the synapse at step t through delay `d`, `p[t − d]` ([[delayedBit]] at offset 0). */
  def delayedSpike(history: UInt, d: UInt): Bool = delayedBit(history, d, 0)

  /** Signed bits of any sum of a subset of `taps` (`Σ|tap|` in magnitude). */
  def firSumWidth(taps: Seq[Int]): Int = {
    val max = taps.map(t => math.abs(t.toLong)).sum
    Fx.signedWidthFor(-max, max)
  }

  /**
   * `DerivativeLut.derivative(p, t, d)`: `Σ_{Δ = −R..R} tap[Δ]·p[t − d − Δ]` over the history register
   * ([[delayedBit]]: causal, `d + Δ ≥ 0`, and 0 before the sample); [[firSumWidth]] bits. `history` must
   * hold `maxDelay + R + 1` steps for every `d` the caller passes.
   */
  def fir(history: UInt, d: UInt, taps: Seq[Int]): SInt = {
    val radius = taps.length / 2
    val w = firSumWidth(taps)
    // every partial sum is a subset sum, within Σ|tap|: wrapping additions at w bits are exact
    taps.zipWithIndex.filter(_._1 != 0)
      .map { case (tap, i) => Mux(delayedBit(history, d, i - radius), tap.S(w.W), 0.S(w.W)) }
      .foldLeft(0.S(w.W))(_ +% _)
  }

  /** `Traces.step(y, k, input)` of a signed trace: `leak_k(y) + input`, exact (one bit wider than the wider operand). */
  def delayTraceStep(y: SInt, k: UInt, input: SInt): SInt = HwFx.leak(y, k) +& input

  /**
   * `Eligibility.accumulate(ē, κ, ψ, trace, A)`: `sat_A(leak_κ(ē) + ψ·trace)`, the product exact,
   * `width` bits signed. `trace` is signed (a presynaptic trace is passed zero-extended). The saturation is decided
   * by the sum's top bits ([[HwFx.saturateSignedByBits]]: the same function without two comparators' carry chains).
   */
  def eligibilityStep(e: SInt, kappa: UInt, psi: UInt, trace: SInt, width: Int): SInt =
    HwFx.saturateSignedByBits(HwFx.leak(e, kappa) +& psi.zext * trace, width)

  /**
   * `UpdateRounding.shift(v, s)`: `v · 2^−s` rounded HALF_EVEN (`rnd` None: K = 0) or stochastically,
   * `⌊v·2^−s + r·2^−K⌋` with the K = `r.getWidth` bits `r` of one draw; [[roundedShiftWidth]] bits (the rounded
   * value in as few bits as it needs, so the adders and comparisons after it are no wider than the value).
   */
  def roundedShift(v: SInt, shift: Int, rnd: Option[UInt]): SInt = {
    val rounded = rnd match {
      case None    => HwFx.shiftRight(v, shift, Rounding.HALF_EVEN)
      case Some(r) => HwFx.shiftRightStochastic(v, r, shift.U)
    }
    val bits = roundedShiftWidth(v.getWidth, shift)
    if (bits < rounded.getWidth) rounded(bits - 1, 0).asSInt else rounded
  }

  /**
   * Signed bits of [[roundedShift]] of a `width`-bit value by `shift`: `v·2^−s` lies in [−2^(w−1−s), 2^(w−1−s)) for
   * s ≤ w − 1 and rounding adds less than 1, so the result is in [−2^(w−1−s), 2^(w−1−s)], w − s + 1 bits (w for s = 0,
   * nothing to round); for s ≥ w it is −1, 0 or 1, 2 bits.
   */
  def roundedShiftWidth(width: Int, shift: Int): Int = math.min(width, math.max(2, width - shift + 1))

  /**
   * `WeightUpdate.applyShadow(w̃, L, ē, s, rounding, width)`: `sat_width(w̃ − round_s(L·ē))`, `width` bits; saturated
   * from the difference's top bits ([[HwFx.saturateSignedByBits]]: no comparator chains after the subtraction's, on
   * the learning core's longest path).
   */
  def updatedShadowWeight(shadow: SInt, product: SInt, shift: Int, rnd: Option[UInt], width: Int): SInt =
    shadowWeightMinus(shadow, roundedShift(product, shift, rnd), width)

  /**
   * [[updatedShadowWeight]] after its rounding: `sat_width(w̃ − rounded)` with `rounded` = [[roundedShift]] of the
   * product (a learner that registers the rounded value between the two: one clock each).
   */
  def shadowWeightMinus(shadow: SInt, rounded: SInt, width: Int): SInt =
    HwFx.saturateSignedByBits(shadow -& rounded, width)

  /**
   * `DelayUpdate.applyShadow(d̃, G, s, rounding, F_d, lo, hi)`: `clamp(d̃ + round_s(G), lo·2^F_d, hi·2^F_d)`,
   * the width of `shadow` (which must hold `hi·2^F_d`).
   */
  def updatedShadowDelay(shadow: UInt, term: SInt, shift: Int, rnd: Option[UInt], fracBits: Int, lo: Int,
      hi: Int): UInt = {
    val w = shadow.getWidth
    val min = BigInt(lo) << fracBits
    val max = BigInt(hi) << fracBits
    require(max < (BigInt(1) << w), s"a $w-bit shadow delay cannot hold ${hi}·2^${fracBits}")
    shadowDelayPlus(shadow, roundedShift(term, shift, rnd), fracBits, lo, hi)
  }

  /**
   * [[updatedShadowDelay]] after its rounding: `clamp(d̃ + rounded, lo·2^F_d, hi·2^F_d)` with `rounded` =
   * [[roundedShift]] of the term, the width of `shadow`.
   */
  def shadowDelayPlus(shadow: UInt, rounded: SInt, fracBits: Int, lo: Int, hi: Int): UInt = {
    val w = shadow.getWidth
    val min = BigInt(lo) << fracBits
    val max = BigInt(hi) << fracBits
    require(max < (BigInt(1) << w), s"a $w-bit shadow delay cannot hold ${hi}·2^${fracBits}")
    val n = shadow.zext +& rounded
    Mux(n < min.S, min.U(w.W), Mux(n > max.S, max.U(w.W), n.asUInt(w - 1, 0)))
  }

  /** `DelayUpdate.forward(d̃, F_d)`: `shr^HALF_UP_F_d(d̃)` in `delayWidth` bits (a clamped shadow delay rounds into them). */
  def forwardDelay(shadow: UInt, fracBits: Int, delayWidth: Int): UInt =
    HwFx.shiftRight(shadow, fracBits, Rounding.HALF_UP).pad(delayWidth)(delayWidth - 1, 0)

  /**
   * `OutputError.delta(π, label, on, off)`: `min(0, π − on)` for the label output, else `max(0, π − off)`;
   * `π`, `on` and `off` share their fraction bits. Exact (the differences widen).
   */
  def outputDelta(pi: SInt, isLabel: Bool, on: BigInt, off: BigInt): SInt = {
    val toOn = pi -& on.S
    val toOff = pi -& off.S
    Mux(isLabel, Mux(toOn < 0.S, toOn, 0.S), Mux(toOff > 0.S, toOff, 0.S))
  }

  /** One entry of `RandomFeedback.generate`: the LFSR draw `bits` of `width` bits minus `2^(width−1)`, signed. */
  def feedbackEntry(bits: UInt, width: Int): SInt = bits.pad(width).zext - (BigInt(1) << (width - 1)).S
}
