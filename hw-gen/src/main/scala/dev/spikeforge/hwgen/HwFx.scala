package dev.spikeforge.hwgen

import chisel3._

/**
 * Hardware twins of the golden model's integer arithmetic (`dev.spikeforge.golden.numerics.Fx`).
 * Generators call these instead of writing saturation or leak logic by hand, so each rule exists
 * once on the Java side and once on the hardware side (docs/numerics.md).
 */
object HwFx {

  /** Largest value of a signed `width`-bit number, as in `Fx.max(width, true)`. */
  def signedMax(width: Int): BigInt = (BigInt(1) << (width - 1)) - 1

  /** Smallest value of a signed `width`-bit number, as in `Fx.min(width, true)`. */
  def signedMin(width: Int): BigInt = -(BigInt(1) << (width - 1))

  /**
   * `Fx.saturate(x, width, true)`: clamps `x` into the signed `width`-bit range. `x` may be of any
   * width; the result is exactly `width` bits wide.
   */
  def saturateSigned(x: SInt, width: Int): SInt = {
    require(width >= 1, s"saturation width must be positive, got $width")
    val xWidth = x.getWidth
    if (xWidth <= width) {
      x.pad(width)
    } else {
      val hi = signedMax(width).S(xWidth.W)
      val lo = signedMin(width).S(xWidth.W)
      val clamped = Mux(x > hi, hi, Mux(x < lo, lo, x))
      clamped(width - 1, 0).asSInt
    }
  }

  /**
   * `Fx.leak(v, k)`: `v - (v >> k)` with an arithmetic shift, or `v` when `k == 0`. Never overflows
   * (the result lies between 0 and `v`), so the subtraction keeps the width of `v`.
   */
  def leak(v: SInt, k: UInt): SInt = {
    val decay = v >> k // SInt >> UInt is an arithmetic shift
    Mux(k === 0.U, v, v -% decay)
  }
}
