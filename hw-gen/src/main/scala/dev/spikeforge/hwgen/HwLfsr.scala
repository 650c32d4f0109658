package dev.spikeforge.hwgen

import chisel3._
import chisel3.util._
import dev.spikeforge.golden.numerics.Lfsr

/**
 * Hardware twins of spikeforge's one pseudo-random source, `dev.spikeforge.golden.numerics.Lfsr`
 * (docs/numerics.md §5): the Galois step and `nextBits(n)` as combinational functions of a state,
 * and the (epoch, position) stream of a dropout mask. The seeding `Lfsr.seeded(seed, stream)` is
 * the multi-cycle [[LfsrSeeder]]. Width, feedback mask and seeding constants are read from `Lfsr`.
 * Tested against `Lfsr` in Verilator and Icarus (testbenches `LfsrTwinsTest`).
 */
object HwLfsr {

  /** Bits of the state, `Lfsr.WIDTH`. */
  val Width: Int = Lfsr.WIDTH

  /** The feedback mask `Lfsr.MASK` as an unsigned `Width`-bit constant. */
  val Mask: BigInt = BigInt(Lfsr.MASK) & ((BigInt(1) << Width) - 1)

  /** `Lfsr.nextBit()`'s state update: `out = s & 1; s >>>= 1; if (out) s ^= MASK`. */
  def step(state: UInt): UInt = {
    require(state.getWidth == Width, s"an LFSR state has $Width bits, got ${state.getWidth}")
    (state >> 1) ^ Mux(state(0), Mask.U(Width.W), 0.U(Width.W))
  }

  /**
   * The bits and the new state of `Lfsr.nextBits(n)`.
   *
   * @param bits n bits, the first step's output in bit 0 (LSB first)
   * @param next the state after n steps
   */
  final case class Draw(bits: UInt, next: UInt)

  /** `Lfsr.nextBits(n)` for a constant `n` in 1..Width: n unrolled steps (an XOR network). */
  def nextBits(state: UInt, n: Int): Draw = draws(state, n).last

  /**
   * `nextBits(state, m)` for every m in 1..n, sharing one chain of n steps: element m − 1 is the
   * draw of m bits. For a unit that draws a runtime number of bits.
   */
  def draws(state: UInt, n: Int): Seq[Draw] = {
    require(n >= 1 && n <= Width, s"n must be in 1..$Width, got $n")
    val states = Seq.iterate(state, n + 1)(step) // states(i): after i steps
    val outs = states.take(n).map(_(0)) // output bit of step i + 1
    (1 to n).map { m =>
      val bits = Wire(UInt(m.W)) // a UInt even for m = 1 (a lone Bool cannot be padded)
      bits := VecInit(outs.take(m)).asUInt // element 0 is bit 0
      Draw(bits, states(m))
    }
  }

  /**
   * The stream number of the dropout mask of the sample at `position` of `epoch`,
   * `DropoutMask.stream(e, p) = e · 2^32 + p` (docs/learning.md §4): the two 32-bit counters side by
   * side, for 0 ≤ p < 2^32 and any 32-bit e (mod 2^64, as Java's long arithmetic).
   */
  def dropoutStream(epoch: UInt, position: UInt): UInt = {
    require(epoch.getWidth <= Width && position.getWidth <= Width,
      s"epoch and position are at most $Width bits, got ${epoch.getWidth} and ${position.getWidth}")
    Cat(epoch.pad(Width), position.pad(Width))
  }
}

/**
 * `Lfsr.seeded(seed, stream).state()` in [[LfsrSeeder.Latency]] clocks, with one 64-bit adder:
 * SplitMix64 `z = seed + (stream + 1)·γ; z = (z ^ z>>>30)·m1; z = (z ^ z>>>27)·m2; z ^= z>>>31`,
 * the low 32 bits of z (1 if zero). The three products modulo 2^64 are shift-and-add over the
 * constant's bits, one bit a clock (the constants and shifts come from `Lfsr`).
 *
 * A pulse on `in_start` takes `in_seed` and `in_stream` (a new start restarts a running
 * computation); `Latency` rising edges later (the start's edge counted) `out_valid` rises and
 * `out_state` holds the state until the next start. `out_state` is 0 while `out_valid` is low.
 */
class LfsrSeeder extends Module {
  override def desiredName: String = "LfsrSeeder"

  private val WordBits = java.lang.Long.SIZE
  val in_start = IO(Input(Bool()))
  val in_seed = IO(Input(UInt(WordBits.W)))
  val in_stream = IO(Input(UInt(WordBits.W)))
  val out_valid = IO(Output(Bool()))
  val out_state = IO(Output(UInt(HwLfsr.Width.W)))

  private def word(v: Long): UInt = (BigInt(v) & ((BigInt(1) << WordBits) - 1)).U(WordBits.W)
  private def xorShift(z: UInt, k: Int): UInt = z ^ (z >> k)

  private val sIdle :: sGamma :: sMultiply :: sMix :: Nil = Enum(4)
  private val phase = RegInit(sIdle)
  private val done = RegInit(false.B)
  private val round = Reg(UInt(2.W)) // which product: 0 by γ, 1 by m1, 2 by m2
  private val bit = Reg(UInt(log2Ceil(WordBits).W)) // bit of the constant multiplier
  private val acc = Reg(UInt(WordBits.W))
  private val multiplicand = Reg(UInt(WordBits.W)) // shifted left one bit per clock

  private val multipliers = Seq(Lfsr.SEED_GAMMA, Lfsr.MIX_MULTIPLIER_1, Lfsr.MIX_MULTIPLIER_2)
    .map(c => VecInit((0 until WordBits).map(i => (((c >>> i) & 1L) == 1L).B)))
  private val multiplierBit = Mux(round === 0.U, multipliers(0)(bit),
    Mux(round === 1.U, multipliers(1)(bit), multipliers(2)(bit)))
  // the one adder: + γ once (the "+1" of stream + 1), then + multiplicand for each set multiplier bit
  private val addend = Mux(phase === sGamma, word(Lfsr.SEED_GAMMA), Mux(multiplierBit, multiplicand, 0.U))
  private val sum = acc +% addend

  switch(phase) {
    is(sGamma) {
      acc := sum
      round := 0.U
      bit := 0.U
      phase := sMultiply
    }
    is(sMultiply) {
      acc := sum
      multiplicand := (multiplicand << 1)(WordBits - 1, 0)
      bit := bit +% 1.U
      when(bit === (WordBits - 1).U) {
        when(round === 2.U) {
          phase := sIdle
          done := true.B
        }.otherwise {
          phase := sMix
          round := round +% 1.U
        }
      }
    }
    is(sMix) {
      multiplicand := Mux(round === 1.U, xorShift(acc, Lfsr.MIX_SHIFT_1), xorShift(acc, Lfsr.MIX_SHIFT_2))
      acc := 0.U
      phase := sMultiply
    }
  }
  when(in_start) {
    acc := in_seed
    multiplicand := in_stream
    phase := sGamma
    done := false.B
  }

  private val low = xorShift(acc, Lfsr.MIX_SHIFT_3)(HwLfsr.Width - 1, 0)
  out_valid := done
  out_state := Mux(done, Mux(low === 0.U, 1.U, low), 0.U)
}

object LfsrSeeder {
  /** Rising edges from the start to a valid state: the start, + γ, three products of 64 clocks, two mixes. */
  val Latency: Int = 1 + 1 + 3 * java.lang.Long.SIZE + 2
}
