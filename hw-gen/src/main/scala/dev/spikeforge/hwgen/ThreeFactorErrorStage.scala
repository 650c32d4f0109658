package dev.spikeforge.hwgen

import chisel3._
import chisel3.util.{log2Ceil, switch, is, Enum}
import dev.spikeforge.golden.spec.hw.{HwCore, HwThreeFactorLearning}

/**
 * What the error stage of a three-factor learning core ([[ThreeFactorErrorStage]]) is elaborated from: the
 * core's output and hidden sizes and widths, the targets and widths of the learning spec.
 *
 * @param classes C, output neurons
 * @param hidden H, hidden neurons (rows of the output layer)
 * @param countWidth bits of an output spike count (the core's `countWidth`)
 * @param targetOn π the label output must reach, in spikes
 * @param targetOff π no other output may exceed
 * @param outputFracBits F_y: π = count · 2^F_y (κ = 1)
 * @param errorWidth signed bits of δ (`HwThreeFactorLearning.errorWidth`)
 * @param signalWidth signed bits of L (`HwThreeFactorLearning.learningSignalWidth`)
 * @param weightWidth B of the output layer's forward weights
 * @param feedbackWidth signed bits of a random feedback entry; 0 for symmetric feedback (the output weights)
 */
final case class ErrorStageParams(classes: Int, hidden: Int, countWidth: Int, targetOn: Int, targetOff: Int,
    outputFracBits: Int, errorWidth: Int, signalWidth: Int, weightWidth: Int, feedbackWidth: Int) {
  require(classes >= 1 && hidden >= 1, s"classes $classes, hidden $hidden")
  require(targetOff < targetOn, s"targets $targetOff < $targetOn")

  /** Whether the learning signal comes through the fixed random matrix (else the output layer's weights). */
  def randomFeedback: Boolean = feedbackWidth > 0

  /**
   * Clocks from `in_start` to `out_busy` falling: C error writes, H·C products, one for the last product and one for
   * the registered write of the last L_j.
   */
  def clocks: Int = classes + hidden * classes + 2
}

object ErrorStageParams {

  /**
   * The error stage of `core` under `spec`. The stage takes π as the spike count (κ = 1): a spec with κ &lt; 1
   * (`kappaShift` &gt; 0) filters the output spikes into a trace the core does not keep, and is refused.
   */
  def of(spec: HwThreeFactorLearning, core: HwCore): ErrorStageParams = {
    spec.checkLearnable(core)
    require(spec.kappaShift == 0, s"the error stage reads π as the spike count (κ = 1); kappaShift ${spec.kappaShift}")
    val h = core.layers().get(0)
    val o = core.outputLayer()
    ErrorStageParams(o.size(), h.size(), core.countWidth(), spec.targetOn, spec.targetOff, spec.outputFracBits,
      spec.errorWidth(core.timesteps()), spec.learningSignalWidth(core), o.weightWidth(),
      if (spec.randomFeedback) spec.feedbackWidth else 0)
  }
}

/**
 * The error stage of the three-factor learning unit (docs/learning.md Part II §2.6–2.7, §9.3): after a training
 * sample's forward pass, the output errors and the hidden neurons' learning signals, exactly as the trainer
 * computes them (`OutputError.deltas`, `LearningSignal.of`, with the output weights the sample ran with):
 *
 *  - δ_k = min(0, π_k − on·2^F_y) for the label, max(0, π_k − off·2^F_y) otherwise, π_k = count_k·2^F_y; written
 *    k = 0..C−1 on `out_error*` (the output layer's signal memory), one a clock;
 *  - L_j = Σ_k B_jk·δ_k, exact, one product a clock in the order j = 0..H−1, k = 0..C−1, written on
 *    `out_signal*` (the hidden layer's signal memory) the clock after its last product (data ports read 0
 *    between writes). Symmetric feedback: B_jk is the
 *    forward weight `sat_B(shr^HALF_UP_F_w(w̃_kj))` of the output synapse (j → k), which the stage requests on
 *    `out_weightRead`/`out_weightRow` j/`out_weightNeuron` k and gets on `in_weight` the clock after (a block-RAM
 *    read of the shadow word and the forward weight the core's layer derives from it for its forward pass). Random feedback: B_jk = `nextBits(w)` − 2^(w−1) of the LFSR started at
 *    `in_feedbackState` (`Lfsr.seeded(seed, RandomFeedback.STREAM)`), drawn in the same j, k order as
 *    `RandomFeedback.generate` draws the matrix, so no matrix is stored.
 *
 * A pulse on `in_start` (with `in_label`, `in_counts` and `in_feedbackState` valid in that clock; the counts are
 * taken then) runs it; `out_busy` is high for [[ErrorStageParams.clocks]] clocks.
 */
class ThreeFactorErrorStage(p: ErrorStageParams) extends Module {
  override def desiredName: String =
    s"ThreeFactorErrorStage_c${p.classes}h${p.hidden}" + (if (p.randomFeedback) s"_random${p.feedbackWidth}" else "") +
      variant

  /** A suffix of the module name for a subclass that changes the stage (a test's mutant). */
  protected def variant: String = ""

  /** Whether the label's output has its own hinge, min(0, π − on) (the trainer's; a mutant may treat it as the others). */
  protected def labelHinge: Boolean = true

  private val C = p.classes
  private val H = p.hidden
  private def bits(n: Int): Int = math.max(1, log2Ceil(n))

  val in_start = IO(Input(Bool()))
  val in_label = IO(Input(UInt(bits(C).W)))
  val in_counts = IO(Input(Vec(C, UInt(p.countWidth.W))))
  val in_feedbackState = if (p.randomFeedback) Some(IO(Input(UInt(HwLfsr.Width.W)))) else None
  val out_weightRead = IO(Output(Bool()))
  val out_weightRow = IO(Output(UInt(bits(H).W)))
  val out_weightNeuron = IO(Output(UInt(bits(C).W)))
  val in_weight = if (p.randomFeedback) None else Some(IO(Input(SInt(p.weightWidth.W))))
  val out_errorWrite = IO(Output(Bool()))
  val out_errorAddr = IO(Output(UInt(bits(C).W)))
  val out_errorData = IO(Output(SInt(p.errorWidth.W)))
  val out_signalWrite = IO(Output(Bool()))
  val out_signalAddr = IO(Output(UInt(bits(H).W)))
  val out_signalData = IO(Output(SInt(p.signalWidth.W)))
  val out_busy = IO(Output(Bool()))

  private val sIdle :: sError :: sSignal :: sDrain :: Nil = Enum(4)
  private val phase = RegInit(sIdle)
  private val j = RegInit(0.U(bits(H).W))
  private val k = RegInit(0.U(bits(C).W))
  private val lastK = k === (C - 1).U
  private val lastJ = j === (H - 1).U

  /** δ of output k with count `count` (label or not), OutputError.delta on π = count·2^F_y. */
  private def delta(count: UInt, isLabel: Bool): SInt = {
    val pi = (count << p.outputFracBits).zext
    val d = HwThreeFactor.outputDelta(pi, isLabel && labelHinge.B, BigInt(p.targetOn) << p.outputFracBits,
      BigInt(p.targetOff) << p.outputFracBits)
    HwLayout.fit(d.asUInt, p.errorWidth).asSInt // |δ| ≤ max(on, T − off)·2^F_y fits errorWidth (the spec's bound)
  }
  private val deltas = Reg(Vec(C, SInt(p.errorWidth.W)))
  // the counts and label taken at the start; one δ circuit computes δ_k in the clock it is written (k = 0..C−1)
  private val counts = Reg(Vec(C, UInt(p.countWidth.W)))
  private val label = Reg(UInt(bits(C).W))
  private val deltaK = delta(counts(k), label === k)

  // the issue stage: (j, k) read (symmetric) or drawn (random); the next clock multiplies and accumulates
  private val issuing = phase === sSignal
  out_weightRead := issuing && !p.randomFeedback.B
  out_weightRow := j
  out_weightNeuron := k
  private val v1 = RegNext(issuing, false.B)
  private val j1 = RegNext(j)
  private val k1 = RegNext(k)
  private val feedback: SInt = in_feedbackState match {
    case Some(start) =>
      val lfsr = Reg(UInt(HwLfsr.Width.W))
      val draw = HwLfsr.nextBits(lfsr, p.feedbackWidth)
      when(issuing) { lfsr := draw.next }
      when(phase === sIdle && in_start) { lfsr := start }
      RegNext(HwThreeFactor.feedbackEntry(draw.bits, p.feedbackWidth))
    case None => in_weight.get
  }
  private val acc = Reg(SInt(p.signalWidth.W))
  private val product = feedback * deltas(k1)
  // exact: |L| is bounded by the spec's learningSignalWidth, and so is every partial sum of its terms' magnitudes
  private val sum = HwLayout.fit((Mux(k1 === 0.U, 0.S, acc) +& product).asUInt, p.signalWidth).asSInt
  when(v1) { acc := sum }
  // L_j leaves through registers (it is written the clock after its last product); 0 between writes
  private val lastProduct = v1 && k1 === (C - 1).U
  private val signalWrite = RegNext(lastProduct, false.B)
  out_signalWrite := signalWrite
  out_signalAddr := RegNext(Mux(lastProduct, j1, 0.U), 0.U)
  out_signalData := RegNext(Mux(lastProduct, sum, 0.S), 0.S)

  out_errorWrite := phase === sError
  out_errorAddr := k
  out_errorData := Mux(phase === sError, deltaK, 0.S)

  switch(phase) {
    is(sIdle) {
      when(in_start) {
        counts := in_counts
        label := in_label
        k := 0.U
        phase := sError
      }
    }
    is(sError) {
      deltas(k) := deltaK
      k := Mux(lastK, 0.U, k + 1.U)
      when(lastK) {
        j := 0.U
        phase := sSignal
      }
    }
    is(sSignal) {
      k := Mux(lastK, 0.U, k + 1.U)
      when(lastK) {
        j := j + 1.U
        when(lastJ) { phase := sDrain }
      }
    }
    is(sDrain) { phase := sIdle }
  }
  out_busy := phase =/= sIdle || signalWrite
}
