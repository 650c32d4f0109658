package dev.spikeforge.hwgen.twins

import chisel3._
import chisel3.util.Cat
import dev.spikeforge.hwgen.{HwDesire, HwFx}

/**
 * TEST FIXTURE: the stochastic-rounding twins behind plain ports, checked against
 * `Fx.shiftRightStochastic` and `DesireBackpropInt.*Stochastic` (testbenches
 * `StochasticRoundingTwinsTest`). Three groups of inputs, driven one at a time:
 *  - `a_*`: a `valueWidth`-bit value (signed `a_v`, its bits unsigned `a_u`), `roundingBits` random
 *    bits `a_rnd` and a runtime shift `a_k` (`shiftAmountWidth` bits): [[HwFx.shiftRightStochastic]]
 *    signed (`a_sr`) and unsigned (`a_sru`);
 *  - `b_*`: the same with `narrowWidth`-bit values and `narrowRoundingBits` random bits (more random
 *    bits than value bits, as a 16-bit draw on a narrow sum);
 *  - `c_*`: a trace sum `c_u` (`traceSumWidth` bits), a signed update shift `c_r`
 *    (`updateShiftWidth` bits), `roundingBits` random bits `c_rnd`, a shadow weight `c_sh`
 *    (`shadowWidth` bits) and the desire's sign `c_pos`: Δ exact (`c_delta`), Δ saturated to the
 *    shadow width (`c_delta_sat`, fewer bits than the largest left shift) and to `wideWidth` bits
 *    (`c_delta_wide`, more), and the updated shadow weight (`c_shadow`; `c_shadow_narrow`: the same update
 *    in the learning unit's two steps, `stochasticDelta` then `addDeltaSaturated`, saturated to
 *    `shadowWidth − 2` bits);
 *  - `d_*`: the same update at a learning core's widths (`wideTraceSumWidth`, `wideShiftWidth`,
 *    `wideRoundingBits`, `wideShadowWidth`), for sampled inputs: `d_delta`, `d_delta_sat`, `d_shadow`.
 *
 * `mutant` builds two deliberately wrong twins, which the test must catch: `a_sru` with the random
 * bits aligned one bit too low (`⌊u·2^−k + rnd·2^−(K+1)⌋`), and `c_shadow` rounding the exact update
 * of a negative shift up when the draw's top bit is set (`Δ = (u << −r) + rnd[K−1]`).
 */
class StochasticTwinBench(valueWidth: Int, roundingBits: Int, shiftAmountWidth: Int, narrowWidth: Int,
    narrowRoundingBits: Int, traceSumWidth: Int, updateShiftWidth: Int, shadowWidth: Int, wideWidth: Int,
    wideTraceSumWidth: Int, wideShiftWidth: Int, wideRoundingBits: Int, wideShadowWidth: Int, mutant: Boolean)
    extends RawModule {
  override def desiredName: String =
    s"StochasticTwinBench_a${valueWidth}k${roundingBits}_b${narrowWidth}k${narrowRoundingBits}" +
      s"_c${traceSumWidth}r${updateShiftWidth}sh$shadowWidth" + (if (mutant) "_mutant" else "")

  private def output(name: String, value: Data): Unit = {
    val port = IO(Output(chiselTypeOf(value))).suggestName(name)
    port := value
  }

  val a_v = IO(Input(SInt(valueWidth.W)))
  val a_u = IO(Input(UInt(valueWidth.W)))
  val a_rnd = IO(Input(UInt(roundingBits.W)))
  val a_k = IO(Input(UInt(shiftAmountWidth.W)))
  output("a_sr", HwFx.shiftRightStochastic(a_v, a_rnd, a_k))
  output("a_sru", HwFx.shiftRightStochastic(a_u, if (mutant) Cat(0.U(1.W), a_rnd) else a_rnd, a_k))

  val b_v = IO(Input(SInt(narrowWidth.W)))
  val b_u = IO(Input(UInt(narrowWidth.W)))
  val b_rnd = IO(Input(UInt(narrowRoundingBits.W)))
  val b_k = IO(Input(UInt(shiftAmountWidth.W)))
  output("b_sr", HwFx.shiftRightStochastic(b_v, b_rnd, b_k))
  output("b_sru", HwFx.shiftRightStochastic(b_u, b_rnd, b_k))

  val c_u = IO(Input(UInt(traceSumWidth.W)))
  val c_r = IO(Input(SInt(updateShiftWidth.W)))
  val c_rnd = IO(Input(UInt(roundingBits.W)))
  val c_sh = IO(Input(SInt(shadowWidth.W)))
  val c_pos = IO(Input(Bool()))
  output("c_delta", HwDesire.shiftUpdateStochastic(c_u, c_r, c_rnd))
  output("c_delta_sat", HwDesire.shiftUpdateStochasticSaturated(c_u, c_r, c_rnd, shadowWidth))
  output("c_delta_wide", HwDesire.shiftUpdateStochasticSaturated(c_u, c_r, c_rnd, wideWidth))
  if (mutant) {
    val exact = HwDesire.shiftUpdateStochastic(c_u, c_r, c_rnd)
    val wrong = exact +& (c_r(updateShiftWidth - 1) && c_rnd(roundingBits - 1)).asUInt
    val delta = HwFx.saturateUnsigned(wrong, shadowWidth).zext
    output("c_shadow", HwFx.saturateSigned(Mux(c_pos, c_sh +& delta, c_sh -& delta), shadowWidth))
  } else {
    output("c_shadow", HwDesire.updatedShadowStochastic(c_sh, c_pos, c_u, c_r, c_rnd))
  }
  // the learning unit's two clocks, saturated to a narrower layer's width (shadowWidth − 2) from the same sum
  private val c_step1 = HwDesire.stochasticDelta(c_u,
    HwDesire.stochasticShiftAmount(c_r, traceSumWidth, roundingBits, shadowWidth), c_rnd, shadowWidth)
  output("c_shadow_narrow", HwDesire.addDeltaSaturated(c_sh, c_pos, c_step1, Seq(shadowWidth - 2)).head)

  val d_u = IO(Input(UInt(wideTraceSumWidth.W)))
  val d_r = IO(Input(SInt(wideShiftWidth.W)))
  val d_rnd = IO(Input(UInt(wideRoundingBits.W)))
  val d_sh = IO(Input(SInt(wideShadowWidth.W)))
  val d_pos = IO(Input(Bool()))
  output("d_delta", HwDesire.shiftUpdateStochastic(d_u, d_r, d_rnd))
  output("d_delta_sat", HwDesire.shiftUpdateStochasticSaturated(d_u, d_r, d_rnd, wideShadowWidth))
  output("d_shadow", HwDesire.updatedShadowStochastic(d_sh, d_pos, d_u, d_r, d_rnd))
}
