package dev.spikeforge.hwgen.board

import chisel3._
import chisel3.util._
import dev.spikeforge.golden.spec.EncoderSpec
import dev.spikeforge.hwgen.HwLfsr

/**
 * What a pixel-input board top encodes on chip: the network's own encoder (`NetworkSpec.encoder`, recorded in
 * the model file) over `steps` time steps. Rate (`rate[:min=M]`), latency (`latency[:min=M]`) and Poisson
 * (`poisson[:seed=S]`) have hardware twins ([[HwEncoders]]); `rate32` (float32 arithmetic) has none and is
 * refused here, naming the encoders that have.
 *
 * @param encoder the golden encoder's spec (contract `EncoderSpec`)
 * @param steps   time steps per sample, T (the core's)
 */
final case class PixelInputParams(encoder: EncoderSpec, steps: Int) {
  require(encoder != null, "encoder must be set")
  require(encoder.kind != EncoderSpec.Kind.RATE32,
    "encoder rate32 (float32 rate coding) has no hardware twin: a pixel-input board top encodes rate[:min=M], " +
      "latency[:min=M] or poisson[:seed=S]; send spike frames (SPARSE/BITMAP) for a rate32 network instead")
  require(steps >= 1 && steps <= 65535, s"steps must be in 1..65535, got $steps")
  require(encoder.kind != EncoderSpec.Kind.LATENCY || steps <= HwEncoders.MaxLatencySteps,
    s"latency coding on chip supports at most ${HwEncoders.MaxLatencySteps} steps, got $steps")

  /** The INFO field `encoder`: 1 rate, 2 latency, 3 poisson. */
  def code: Int = encoder.kind match {
    case EncoderSpec.Kind.RATE => PixelInputParams.CodeRate
    case EncoderSpec.Kind.LATENCY => PixelInputParams.CodeLatency
    case EncoderSpec.Kind.POISSON => PixelInputParams.CodePoisson
    case other => throw new IllegalStateException(s"no code for $other")
  }

  /** Whether a PIXELS frame carries the sample's LFSR start state (Poisson). */
  def carriesState: Boolean = encoder.kind == EncoderSpec.Kind.POISSON

  /** Bits of a step number. */
  def stepWidth: Int = math.max(1, log2Ceil(steps))
}

object PixelInputParams {
  val CodeRate: Int = 1
  val CodeLatency: Int = 2
  val CodePoisson: Int = 3
}

/**
 * Hardware twins of the golden encoders (golden-model `data.RateEncoder`, `LatencyEncoder`, `PoissonEncoder`;
 * docs/datasets.md §3), as combinational functions. Tested against the golden encoders in Verilator and Icarus
 * (boards `PixelEncoderSimTest`, exhaustive over the 256 intensities and every step).
 */
object HwEncoders {
  /** The rate encoder's full scale and threshold (`RateEncoder.THRESHOLD`). */
  val RateThreshold: Int = 255

  /** Largest T for which [[latencyStep]]'s division is exact: (255 · (T − 1)) < 65535. */
  val MaxLatencySteps: Int = 257

  /** Rate coding's input level: `p >= min ? p : 0` (`rate:min=M`). */
  def rateLevel(p: UInt, minIntensity: Int): UInt = Mux(p >= minIntensity.U, p, 0.U)

  /** One rate step: `a = acc + p; spike = a >= 255; acc' = spike ? a − 255 : a`; returns (spike, acc'). */
  def rateStep(acc: UInt, level: UInt): (Bool, UInt) = {
    val a = acc +& level
    val spike = a >= RateThreshold.U
    (spike, Mux(spike, a - RateThreshold.U, a)(7, 0))
  }

  /**
   * The latency encoder's spike step `floor((255 − p) · (T − 1) / 255)`: the product by the constant T − 1,
   * then the division by 255 as `(x + 1 + ((x + 1) >> 8)) >> 8`, exact for x < 65535 (T ≤ [[MaxLatencySteps]]).
   */
  def latencyStep(p: UInt, steps: Int): UInt = {
    require(steps >= 1 && steps <= MaxLatencySteps, s"steps must be in 1..$MaxLatencySteps, got $steps")
    val x = (255.U(8.W) - p) * (steps - 1).U // at most 255 · 256
    val y = x +& 1.U
    // the sum is read from bit 8 up (the shift by 8): its low bits are unused (waived in lint, latency_quotient)
    // (the quotient is at most T − 1, so the sum fits 8 + stepWidth bits)
    val stepWidth = math.max(1, log2Ceil(steps))
    val sum = Wire(UInt((8 + stepWidth).W)).suggestName("latency_quotient")
    sum := (y +& (y >> 8))(8 + stepWidth - 1, 0)
    sum(8 + stepWidth - 1, 8)
  }

  /** Whether an input of intensity p spikes at all under latency coding: `p >= min`. */
  def latencyFires(p: UInt, minIntensity: Int): Bool = p >= minIntensity.U

  /** Poisson coding: one 8-bit draw per (step, input), `lfsr.nextBits(8) < p`; returns (spike, next state). */
  def poissonStep(state: UInt, p: UInt): (Bool, UInt) = {
    val d = HwLfsr.nextBits(state, 8)
    (d.bits < p, d.next)
  }
}

/** One pixel written into [[PixelEncoder]]'s memory. */
class PixelWrite(inputs: Int) extends Bundle {
  val address = UInt(math.max(1, log2Ceil(inputs)).W)
  val pixel = UInt(8.W)
}

/**
 * Encodes one sample's pixels on chip into the core's input beats (the stream of [[CoreStreamIO]]): for each
 * step t = 0..T−1, one beat per input i that spikes, ascending, then the end-of-step beat — exactly the raster of
 * the golden encoder ([[PixelInputParams.encoder]]).
 *
 * Pixels are written one at a time (`write`, only while not `busy`) into one synchronous-read memory of `inputs`
 * words, as the encoder's per-input code ([[HwEncoders]]): rate coding keeps its level and its accumulator
 * (16 bits, the accumulator zeroed by the write), latency coding its spike step and whether it fires, Poisson
 * coding the intensity. `start` (with the sample's LFSR start state for Poisson) runs the T steps: one input is
 * read per clock (the memory's one read port), evaluated the next clock (rate: the new accumulator is written
 * back), and its beat queued; the scan stalls when the queue of [[QueueDepth]] beats would overflow, so it runs
 * at one input per clock while the core keeps up. `busy` is high from `start` until the last beat has left.
 */
class PixelEncoder(p: CoreStreamParams, px: PixelInputParams) extends Module {
  /** The encoder's parameters (for a subclass: a test's mutant). */
  protected val encoderParams: PixelInputParams = px
  private val n = p.inputs
  private val kind = px.encoder.kind
  private val addrWidth = math.max(1, log2Ceil(n))

  val write = IO(Flipped(Valid(new PixelWrite(n))))
  val start = IO(Flipped(Valid(UInt(HwLfsr.Width.W))))
  val beats = IO(Decoupled(new CoreInBeat(p)))
  val busy = IO(Output(Bool()))

  /** The per-input code stored for pixel `pixel` (its low bits: the level, step or intensity). */
  private val wordWidth = kind match {
    case EncoderSpec.Kind.RATE => 16
    case EncoderSpec.Kind.LATENCY => px.stepWidth + 1
    case _ => 8
  }
  protected def code(pixel: UInt): UInt = kind match {
    case EncoderSpec.Kind.RATE => HwEncoders.rateLevel(pixel, px.encoder.minIntensity).pad(16) // accumulator 0
    case EncoderSpec.Kind.LATENCY =>
      Cat(HwEncoders.latencyFires(pixel, px.encoder.minIntensity), HwEncoders.latencyStep(pixel, px.steps))
    case _ => pixel
  }

  private val mem = SyncReadMem(n, UInt(wordWidth.W))

  // scan position: step t, input i (i = n: the end-of-step item)
  private val scanning = RegInit(false.B)
  private val t = RegInit(0.U(px.stepWidth.W))
  private val i = RegInit(0.U(log2Ceil(n + 1).W))
  private val lfsr = RegInit(1.U(HwLfsr.Width.W))

  // stage 1: the item read last clock
  private val s1Valid = RegInit(false.B)
  private val s1End = RegInit(false.B)
  private val s1Index = RegInit(0.U(addrWidth.W))
  private val s1Step = RegInit(0.U(px.stepWidth.W))

  private val queue = Module(new Queue(new CoreInBeat(p), PixelEncoder.QueueDepth))
  beats.valid := queue.io.deq.valid
  queue.io.deq.ready := beats.ready
  // the queue's storage starts unknown: the beat reads 0 while none is offered (no X towards the core)
  beats.bits := Mux(queue.io.deq.valid, queue.io.deq.bits, 0.U.asTypeOf(new CoreInBeat(p)))

  private val issue = scanning && (queue.io.count +& s1Valid.asUInt) < PixelEncoder.QueueDepth.U
  private val channel = i =/= n.U
  private val data = mem.read(i(addrWidth - 1, 0), issue && channel)

  when(issue) {
    s1Valid := true.B
    s1End := !channel
    s1Index := i(addrWidth - 1, 0)
    s1Step := t
    when(channel) {
      i := i + 1.U
    }.otherwise {
      i := 0.U
      t := t + 1.U
      when(t === (px.steps - 1).U) { scanning := false.B }
    }
  }.otherwise {
    s1Valid := false.B
  }

  // stage 1: evaluate the encoder on the word read
  private val spike = WireDefault(false.B)
  private val writeBack = WireDefault(false.B)
  private val writeWord = WireDefault(0.U(wordWidth.W))
  when(s1Valid && !s1End) {
    kind match {
      case EncoderSpec.Kind.RATE =>
        val (s, acc) = HwEncoders.rateStep(data(15, 8), data(7, 0))
        spike := s
        writeBack := true.B
        writeWord := Cat(acc, data(7, 0))
      case EncoderSpec.Kind.LATENCY =>
        spike := data(px.stepWidth) && data(px.stepWidth - 1, 0) === s1Step
      case _ =>
        val (s, next) = HwEncoders.poissonStep(lfsr, data(7, 0))
        spike := s
        lfsr := next
    }
  }
  queue.io.enq.valid := s1Valid && (s1End || spike)
  queue.io.enq.bits.endOfStep := s1End
  queue.io.enq.bits.index := Mux(s1End, 0.U, s1Index.pad(p.indexWidth))

  // the memory's one write port: pixels while idle, the rate accumulators while scanning
  when(writeBack || (write.valid && !busy)) {
    mem.write(Mux(writeBack, s1Index, write.bits.address), Mux(writeBack, writeWord, code(write.bits.pixel)))
  }

  when(start.valid && !busy) {
    scanning := true.B
    t := 0.U
    i := 0.U
    if (px.carriesState) lfsr := start.bits
  }

  busy := scanning || s1Valid || queue.io.deq.valid
}

object PixelEncoder {
  /** Beats the encoder queues ahead of the core. */
  val QueueDepth: Int = 4
}
