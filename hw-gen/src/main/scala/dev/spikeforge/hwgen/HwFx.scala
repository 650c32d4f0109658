package dev.spikeforge.hwgen

import chisel3._
import chisel3.util.Cat
import dev.spikeforge.golden.numerics.{Fx, Overflow, Rounding}

/**
 * Hardware twins of the golden model's integer arithmetic (`dev.spikeforge.golden.numerics.Fx`).
 * Generators call these instead of writing saturation, wrap, leak or rounding logic by hand, so
 * each rule exists once on the Java side and once on the hardware side (docs/numerics.md,
 * "Hardware twins"). Every function is combinational and takes its widths from its arguments' types
 * or from parameters the caller reads off a spec record; none types a width in.
 *
 * Values are Chisel `SInt` (two's complement) or `UInt` (non-negative): a `UInt` argument stands
 * for the non-negative `long` that `Fx` would be given. Each function is tested exhaustively at
 * narrow widths against `Fx` in Verilator and Icarus (testbenches `FxTwinsTest`; the stochastic
 * rounding in `StochasticRoundingTwinsTest`).
 */
object HwFx {

  /** Largest value of a signed `width`-bit number, as in `Fx.max(width, true)`. */
  def signedMax(width: Int): BigInt = (BigInt(1) << (width - 1)) - 1

  /** Smallest value of a signed `width`-bit number, as in `Fx.min(width, true)`. */
  def signedMin(width: Int): BigInt = -(BigInt(1) << (width - 1))

  /** Largest value of an unsigned `width`-bit number, as in `Fx.max(width, false)`. */
  def unsignedMax(width: Int): BigInt = (BigInt(1) << width) - 1

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

  /** `Fx.saturate(x, width, true)` of a non-negative `x`: clamps it to the signed maximum. */
  def saturateSigned(x: UInt, width: Int): SInt = saturateSigned(x.zext, width)

  /**
   * [[saturateSigned]] decided by `x`'s top bits instead of two comparisons: `x` fits `width` signed bits
   * exactly when its bits from `width − 1` up are all equal; otherwise its sign picks the end of the range.
   * The same function in LUTs, without the comparators' carry chains (for a path that must be short: the
   * learning unit's update, docs/hardware.md §7.1, and every LIF lane's fire-and-reset since issue 13's lean lanes).
   */
  def saturateSignedByBits(x: SInt, width: Int): SInt = {
    require(width >= 1, s"saturation width must be positive, got $width")
    val xWidth = x.getWidth
    if (xWidth <= width) {
      x.pad(width)
    } else {
      val top = x(xWidth - 1, width - 1)
      val fits = top.andR || !top.orR
      Mux(fits, x(width - 1, 0).asSInt, Mux(x(xWidth - 1), signedMin(width).S(width.W), signedMax(width).S(width.W)))
    }
  }

  /** `Fx.saturate(x, width, false)`: clamps `x` into `0 .. 2^width − 1`; `width` bits. */
  def saturateUnsigned(x: SInt, width: Int): UInt = {
    require(width >= 1, s"saturation width must be positive, got $width")
    val valueBits = x.getWidth - 1 // bits of a non-negative x below its sign bit
    val nonNegative = if (valueBits == 0) 0.U(width.W) else saturateUnsigned(x(valueBits - 1, 0), width)
    Mux(x(x.getWidth - 1), 0.U(width.W), nonNegative)
  }

  /** `Fx.saturate(x, width, false)` of a non-negative `x`: clamps it to `2^width − 1`; `width` bits. */
  def saturateUnsigned(x: UInt, width: Int): UInt = {
    require(width >= 1, s"saturation width must be positive, got $width")
    if (x.getWidth <= width) {
      x.pad(width)
    } else {
      Mux(x(x.getWidth - 1, width).orR, unsignedMax(width).U(width.W), x(width - 1, 0))
    }
  }

  /** `Fx.wrap(x, width, true)`: the low `width` bits of `x` (sign-extended first if `x` is narrower). */
  def wrapSigned(x: SInt, width: Int): SInt = {
    require(width >= 1, s"wrap width must be positive, got $width")
    if (x.getWidth <= width) x.pad(width) else x(width - 1, 0).asSInt
  }

  /** `Fx.wrap(x, width, true)` of a non-negative `x`. */
  def wrapSigned(x: UInt, width: Int): SInt = wrapSigned(x.zext, width)

  /** `Fx.wrap(x, width, false)`: the low `width` bits of `x` (two's complement), unsigned. */
  def wrapUnsigned(x: SInt, width: Int): UInt = wrapSigned(x, width).asUInt

  /** `Fx.wrap(x, width, false)` of a non-negative `x`. */
  def wrapUnsigned(x: UInt, width: Int): UInt = {
    require(width >= 1, s"wrap width must be positive, got $width")
    if (x.getWidth <= width) x.pad(width) else x(width - 1, 0)
  }

  /** `Fx.fit(x, width, true, overflow)`: [[saturateSigned]] or [[wrapSigned]]. */
  def fitSigned(x: SInt, width: Int, overflow: Overflow): SInt = overflow match {
    case Overflow.SATURATE => saturateSigned(x, width)
    case Overflow.WRAP     => wrapSigned(x, width)
  }

  /** `Fx.fit(x, width, false, overflow)`: [[saturateUnsigned]] or [[wrapUnsigned]]. */
  def fitUnsigned(x: SInt, width: Int, overflow: Overflow): UInt = overflow match {
    case Overflow.SATURATE => saturateUnsigned(x, width)
    case Overflow.WRAP     => wrapUnsigned(x, width)
  }

  /** `Fx.addSat(a, b, width, true)`: the exact sum, saturated to signed `width` bits. */
  def addSatSigned(a: SInt, b: SInt, width: Int): SInt = saturateSigned(a +& b, width)

  /** `Fx.addSat(a, b, width, false)` of non-negative `a`, `b`: the exact sum, saturated to `width` bits. */
  def addSatUnsigned(a: UInt, b: UInt, width: Int): UInt = saturateUnsigned(a +& b, width)

  /**
   * `Fx.leak(v, k)`: `v - (v >> k)` with an arithmetic shift, or `v` when `k == 0`. Never overflows
   * (the result lies between 0 and `v`), so the subtraction keeps the width of `v`.
   */
  def leak(v: SInt, k: UInt): SInt = {
    val decay = v >> k // SInt >> UInt is an arithmetic shift
    Mux(k === 0.U, v, v -% decay)
  }

  /** `Fx.leak(v, k)` of a non-negative `v`: `v − (v >> k)`, or `v` when `k == 0`; the width of `v`. */
  def leak(v: UInt, k: UInt): UInt = Mux(k === 0.U, v, v -% (v >> k))

  /**
   * Width of `shiftRight(v, k, _)` with a constant `k` for a `width`-bit `v`: `width` for
   * k = 0, else `width − k + 1` (at least 1), which holds every rounded quotient of a signed value
   * (rounding up can reach `2^(width−1−k)`).
   */
  def shiftRightWidth(width: Int, k: Int): Int = if (k == 0) width else math.max(width - k + 1, 1)

  /**
   * `Fx.shiftRight(v, k, rounding)` for a constant `k` (0..`Fx.MAX_WIDTH`): `v / 2^k` rounded by
   * `rounding`, [[shiftRightWidth]] bits. k may exceed the width of `v` (then `v` counts as
   * sign-extended, as the `long` of `Fx` is).
   */
  def shiftRight(v: SInt, k: Int, rounding: Rounding): SInt = {
    require(k >= 0 && k <= Fx.MAX_WIDTH, s"shift must be in 0..${Fx.MAX_WIDTH}, got $k")
    val w = v.getWidth
    if (k == 0) {
      v
    } else {
      def bit(i: Int): Bool = v(math.min(i, w - 1)) // bit i of v sign-extended
      val below = math.min(k - 1, w) // bits of v under the guard bit that are not copies of the sign
      val sticky = if (below == 0) false.B else v(below - 1, 0).orR
      val up = roundsUp(rounding, guard = bit(k - 1), sticky = sticky, lsb = bit(k), negative = bit(w - 1))
      val rw = shiftRightWidth(w, k)
      ((v >> k) +& up.zext)(rw - 1, 0).asSInt // in range by construction (shiftRightWidth)
    }
  }

  /**
   * `Fx.shiftRight(v, k, rounding)` for a runtime `k` (any width; k may exceed the width of `v`):
   * the result has the width of `v` (for k ≥ 1 every rounded quotient fits; for k = 0 it is `v`).
   */
  def shiftRight(v: SInt, k: UInt, rounding: Rounding): SInt = {
    val w = v.getWidth
    // the guard bit, v's bit k−1: none for k = 0, the sign for k > w (a select, not a shifter)
    val guard = (1 to w).map(i => k === i.U && v(i - 1)).reduce(_ || _) || (k > w.U && v(w - 1))
    // the sticky bit, any of v's bits 0..k−2 (the sign repeats above bit w−1, and is bit w−1 itself)
    val belowGuard = VecInit((0 until w).map(i => k > (i + 1).U)).asUInt
    val sticky = (v.asUInt & belowGuard).orR
    val floor = v >> k
    val up = roundsUp(rounding, guard = guard, sticky = sticky, lsb = floor(0), negative = v(w - 1))
    (floor +& up.zext)(w - 1, 0).asSInt
  }

  /** `Fx.shiftRight(u, k, rounding)` of a non-negative `u` and a constant `k`: at most `width − k + 1` bits. */
  def shiftRight(u: UInt, k: Int, rounding: Rounding): UInt = {
    val signed = shiftRight(u.zext, k, rounding) // non-negative: drop the sign bit
    if (signed.getWidth == 1) 0.U(1.W) else signed(signed.getWidth - 2, 0)
  }

  /** `Fx.shiftRight(u, k, rounding)` of a non-negative `u` and a runtime `k`: the width of `u`. */
  def shiftRight(u: UInt, k: UInt, rounding: Rounding): UInt = {
    val w = u.getWidth
    val guard = (1 to w).map(i => k === i.U && u(i - 1)).reduce(_ || _) // 0 beyond the top
    val sticky = (u & VecInit((0 until w).map(i => k > (i + 1).U)).asUInt).orR
    val floor = u >> k
    val up = roundsUp(rounding, guard = guard, sticky = sticky, lsb = floor(0), negative = false.B)
    (floor +& up)(w - 1, 0)
  }

  /**
   * `Fx.shiftRightStochastic(x, R, r, K)` for a non-negative `x` and a runtime shift `R = shift`
   * (any width; R may exceed the width of `x`): stochastic rounding `⌊x·2^−R + r·2^−K⌋` with the
   * `K = r.getWidth` random bits `r`. The width of `x`: the result is `x` for R = 0 and below
   * `2^(width−1) + 1` for R ≥ 1.
   *
   * One right shifter and one adder, with r aligned just below the binary point: `x` is framed with K
   * zero fraction bits and shifted, giving `⌊x·2^(K−R)⌋` (x's bits from R−K up, the K just below the
   * binary point at the bottom), then `(⌊x·2^(K−R)⌋ + r) >> K`, computed as the integer part plus
   * the carry out of the K fraction bits + r (so no sum bit is left unused). That equals both of Fx's cases
   * (docs/learning.md §3.6): for R ≥ K, `(x + (r << (R−K))) >> R`, because `r·2^(R−K)` is a multiple
   * of `2^(R−K)`, so x's bits below it cannot carry; for R < K, `(x + (r >>> (K−R))) >> R`, because
   * the K − R low bits of r add less than one unit of `2^−R` to a multiple of it. The increment
   * cannot overflow (for R = 0 the fraction bits are zero, so there is no carry).
   */
  def shiftRightStochastic(x: UInt, r: UInt, shift: UInt): UInt = {
    val (floor, carry) = shiftRightStochasticParts(x, r, shift)
    floor +% carry
  }

  /**
   * [[shiftRightStochastic]] before its increment: `(⌊x·2^−R⌋, carry)` with the result `⌊x·2^−R⌋ + carry`
   * (the carry out of the K fraction bits + r). A caller that pipelines the rounding registers the two
   * and adds the carry a clock later.
   */
  def shiftRightStochasticParts(x: UInt, r: UInt, shift: UInt): (UInt, Bool) = {
    val k = r.getWidth
    require(k >= 1, s"stochastic rounding needs at least one random bit, got $k")
    val w = x.getWidth
    val framed = Cat(x, 0.U(k.W)) >> shift // ⌊x·2^(K−R)⌋, width(x) + K bits
    (framed(w + k - 1, k), roundingCarry(framed(k - 1, 0), r))
  }

  /**
   * `Fx.shiftRightStochastic(v, R, r, K)` for a signed `v` and a runtime shift `R = shift` (any
   * width): `⌊v·2^−R + r·2^−K⌋`, K = `r.getWidth`, the width of `v`. As the unsigned form, with an
   * arithmetic shift of the framed value (`⌊v·2^(K−R)⌋`, floor also for negative v).
   */
  def shiftRightStochastic(v: SInt, r: UInt, shift: UInt): SInt = {
    val k = r.getWidth
    require(k >= 1, s"stochastic rounding needs at least one random bit, got $k")
    val w = v.getWidth
    val framed = Cat(v, 0.U(k.W)).asSInt >> shift // arithmetic: ⌊v·2^(K−R)⌋, width(v) + K bits
    val sum = framed(w + k - 1, k).asSInt +% roundingCarry(framed(k - 1, 0), r).zext // in range: no overflow
    if (sum.getWidth > w) sum(w - 1, 0).asSInt else sum // a 1-bit v: the carry's 2 bits widen the sum
  }

  /**
   * The carry out of `fraction + r` for two K-bit values, `fraction + r ≥ 2^K`, as `r > ~fraction`
   * (the carry chain of the K-bit sum without its unused sum bits).
   */
  private def roundingCarry(fraction: UInt, r: UInt): Bool = r > ~fraction

  /**
   * Whether `floor(v / 2^k)` is incremented under `rounding`, from the guard bit (v's bit k−1), the
   * sticky bit (any of v's bits below it), the floor's least significant bit and v's sign. The
   * remainder `v − floor·2^k` exceeds, equals or falls short of the half `2^(k−1)` exactly when
   * guard ∧ sticky, guard ∧ ¬sticky, ¬guard.
   */
  private def roundsUp(rounding: Rounding, guard: Bool, sticky: Bool, lsb: Bool, negative: Bool): Bool =
    rounding match {
      case Rounding.FLOOR       => false.B
      case Rounding.HALF_UP     => guard
      case Rounding.HALF_EVEN   => guard && (sticky || lsb)
      case Rounding.TOWARD_ZERO => negative && (guard || sticky)
    }
}
