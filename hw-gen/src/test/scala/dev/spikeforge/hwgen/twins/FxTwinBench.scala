package dev.spikeforge.hwgen.twins

import chisel3._
import dev.spikeforge.golden.numerics.{Overflow, Rounding}
import dev.spikeforge.hwgen.HwFx

/**
 * TEST FIXTURE: every [[HwFx]] function side by side behind plain ports, so that one simulator build
 * checks them all against `Fx` (testbenches `FxTwinsTest`). Three groups of inputs; a test drives one
 * group at a time through all its values (the other inputs at 0) and checks every output on every
 * vector:
 *  - `a_*`: a `shiftWidth`-bit value (signed `a_v`, and its bits unsigned `a_u`), a runtime shift
 *    `a_k` of `shiftAmountWidth` bits, a spike `a_spike`: rounding shifts in all four modes with the
 *    runtime shift (`a_rt_<mode>`, unsigned `a_rtu_<mode>`) and with every constant shift 0..shiftWidth+1
 *    (`a_c<k>_<mode>`, `a_cu<k>_<mode>`), the leaks (`a_leak`, `a_leak_u`) and the trace step
 *    (`a_trace`, `traceFracBits` fraction bits);
 *  - `b_*`: a `fitInWidth`-bit value (`b_x` signed, `b_xu` its bits unsigned): saturation and wrap
 *    into each width of `fitWidths`, signed and unsigned (`b_fit_<s|u>_<sat|wrap>_<W>` from `b_x`,
 *    `b_u<s|u>_<sat|wrap>_<W>` from `b_xu`);
 *  - `c_*`: two `addWidth`-bit operands (`c_a`, `c_b`, their bits unsigned `c_au`, `c_bu`):
 *    saturating sums into addWidth − 1, addWidth and addWidth + 1 bits (`c_sum_<s|u>_<W>`).
 *
 * `mutant` wires the runtime-shift HALF_UP result to `a_rt_half_even`: a deliberately wrong twin,
 * which the test must catch.
 */
class FxTwinBench(shiftWidth: Int, shiftAmountWidth: Int, traceFracBits: Int, fitInWidth: Int, fitWidths: Seq[Int],
    addWidth: Int, mutant: Boolean) extends RawModule {
  override def desiredName: String =
    s"FxTwinBench_a${shiftWidth}_b${fitInWidth}_c$addWidth" + (if (mutant) "_mutant" else "")

  private def output(name: String, value: Data): Unit = {
    val port = IO(Output(chiselTypeOf(value))).suggestName(name)
    port := value
  }

  private val modes = Rounding.values.toSeq
  private def modeName(r: Rounding): String = r.name.toLowerCase

  val a_v = IO(Input(SInt(shiftWidth.W)))
  val a_u = IO(Input(UInt(shiftWidth.W)))
  val a_k = IO(Input(UInt(shiftAmountWidth.W)))
  val a_spike = IO(Input(Bool()))
  for (r <- modes) {
    val wired = if (mutant && r == Rounding.HALF_EVEN) Rounding.HALF_UP else r
    output(s"a_rt_${modeName(r)}", HwFx.shiftRight(a_v, a_k, wired))
  }
  for (r <- modes) output(s"a_rtu_${modeName(r)}", HwFx.shiftRight(a_u, a_k, r))
  for (k <- 0 to shiftWidth + 1; r <- modes) output(s"a_c${k}_${modeName(r)}", HwFx.shiftRight(a_v, k, r))
  for (k <- 0 to shiftWidth + 1; r <- modes) output(s"a_cu${k}_${modeName(r)}", HwFx.shiftRight(a_u, k, r))
  output("a_leak", HwFx.leak(a_v, a_k))
  output("a_leak_u", HwFx.leak(a_u, a_k))
  output("a_trace", dev.spikeforge.hwgen.HwDesire.traceStep(a_u, a_k, traceFracBits, a_spike))

  val b_x = IO(Input(SInt(fitInWidth.W)))
  val b_xu = IO(Input(UInt(fitInWidth.W)))
  for (w <- fitWidths) {
    output(s"b_fit_s_sat_$w", HwFx.fitSigned(b_x, w, Overflow.SATURATE))
    output(s"b_fit_s_wrap_$w", HwFx.fitSigned(b_x, w, Overflow.WRAP))
    output(s"b_fit_u_sat_$w", HwFx.fitUnsigned(b_x, w, Overflow.SATURATE))
    output(s"b_fit_u_wrap_$w", HwFx.fitUnsigned(b_x, w, Overflow.WRAP))
    output(s"b_us_sat_$w", HwFx.saturateSigned(b_xu, w))
    output(s"b_us_wrap_$w", HwFx.wrapSigned(b_xu, w))
    output(s"b_uu_sat_$w", HwFx.saturateUnsigned(b_xu, w))
    output(s"b_uu_wrap_$w", HwFx.wrapUnsigned(b_xu, w))
  }

  val c_a = IO(Input(SInt(addWidth.W)))
  val c_b = IO(Input(SInt(addWidth.W)))
  val c_au = IO(Input(UInt(addWidth.W)))
  val c_bu = IO(Input(UInt(addWidth.W)))
  for (w <- Seq(addWidth - 1, addWidth, addWidth + 1)) {
    output(s"c_sum_s_$w", HwFx.addSatSigned(c_a, c_b, w))
    output(s"c_sum_u_$w", HwFx.addSatUnsigned(c_au, c_bu, w))
  }
}
