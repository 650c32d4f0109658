package dev.spikeforge.hwgen

import chisel3._
import chisel3.util.{log2Ceil, isPow2, switch, is, Enum, Cat}
import dev.spikeforge.golden.spec.hw.{DelayMode, HwCore, HwLayer, HwThreeFactorLearning}

/**
 * What one layer's update walk ([[ThreeFactorLayerLearner]]) is elaborated from: the layer's geometry from
 * the core's `HwLayer`, every width, shift and table from the learning spec `HwThreeFactorLearning`.
 *
 * @param inputs n, presynaptic units (rows of the walk)
 * @param size m, neurons
 * @param timesteps T, steps of a sample
 * @param weightWidth B, bits of a forward weight
 * @param weightFracBits F_w, extra fraction bits of a shadow weight (shadow word B + F_w)
 * @param delayMode NONE, AXONAL (one delay per row) or SYNAPTIC (one per synapse)
 * @param maxDelay the largest forward delay (0 with NONE)
 * @param delayWidth bits of a forward delay (the core's delay field)
 * @param delayFracBits F_d, fraction bits of a shadow delay (shadow word: delay field + F_d)
 * @param signalWidth signed bits of the learning signal L_j (hidden layer) or output error δ_j (output layer)
 * @param weightShift s_W of the layer's weights
 * @param delayShift s_d of its delays
 * @param roundingBits K, LFSR bits per stochastically rounded update (0: HALF_EVEN, no draw)
 * @param kappaShift κ shift of the eligibilities (a constant of the spec)
 * @param lane the replay lane
 * @param recurrent whether the walk goes on over the layer's recurrent rows (docs/learning.md Part II §9.3: m more
 *     rows, presynaptic unit = hidden neuron k, after the n feedforward rows)
 * @param recurrentWeightShift s_W of the recurrent weights (with `recurrent`)
 */
final case class LayerLearnerParams(inputs: Int, size: Int, timesteps: Int, weightWidth: Int, weightFracBits: Int,
    delayMode: DelayMode, maxDelay: Int, delayWidth: Int, delayFracBits: Int, signalWidth: Int, weightShift: Int,
    delayShift: Int, roundingBits: Int, kappaShift: Int, lane: ReplayLaneParams, recurrent: Boolean = false,
    recurrentWeightShift: Int = 0) {
  require(inputs >= 1 && size >= 1 && timesteps >= 1, s"inputs $inputs, size $size, T $timesteps")
  require(delayMode == DelayMode.NONE || lane.maxDelay == math.max(maxDelay, if (recurrent) 1 else 0),
    s"lane delays 0..${lane.maxDelay}, layer 0..$maxDelay")
  require(!recurrent || lane.maxDelay >= 1, "recurrent rows replay at delay ≥ 1: the lane needs maxDelay ≥ 1")

  /** Whether the layer learns delays. */
  def learnsDelays: Boolean = delayMode != DelayMode.NONE

  /** Rows of the walk: n feedforward rows, then m recurrent rows if recurrent. */
  def rows: Int = inputs + (if (recurrent) size else 0)

  /** Whether the recurrent rows learn their delays (SYNAPTIC; otherwise every recurrent delay is 1). */
  def learnsRecurrentDelays: Boolean = recurrent && delayMode == DelayMode.SYNAPTIC

  /** Bits of a shadow weight word: B + F_w. */
  def shadowWeightWidth: Int = weightWidth + weightFracBits

  /** Bits of a shadow delay word: the delay field + F_d. */
  def shadowDelayWidth: Int = delayWidth + delayFracBits

  /** Words of the shadow-delay memory: one per synapse (SYNAPTIC, recurrent ones too) or per input row (AXONAL). */
  def delayWords: Int = delayMode match {
    case DelayMode.SYNAPTIC => rows * size
    case DelayMode.AXONAL   => inputs
    case _                  => 0
  }

  /** Clocks the walk spends on one synapse: fetch, prime, T replay steps, the hand-over to the updater. */
  def replayClocks: Int = timesteps + 3

  /**
   * Clocks the updater spends on one synapse after its hand-over: the serial products L·ē^W and L·ē^ȳ (A
   * clocks), with learned delays the load and B clocks of (L·ē^ȳ)·w, the rounding (registered) and the write; two
   * more after a row's last synapse for an axonal delay (its rounding and its write).
   */
  def updateClocks: Int = SerialMultiplier.latency(lane.eligibilityWidth) +
    (if (learnsDelays) 1 + SerialMultiplier.latency(weightWidth) else 0) + 2

  /**
   * Clocks from `in_start` to `out_busy` falling: the walk hands synapse after synapse to the updater and waits
   * while it is busy (only if [[updateClocks]] exceeds [[replayClocks]] − 1); the updater's last update ends the
   * walk.
   */
  def walkClocks: Int = {
    var free = 0 // first clock the updater is idle (clock 0: the first fetch)
    var next = 0 // the clock of the next fetch
    for (i <- 0 until rows; j <- 0 until size) {
      val hand = math.max(next + replayClocks - 1, free)
      free = hand + 1 + updateClocks + (if (delayMode == DelayMode.AXONAL && i < inputs && j == size - 1) 2 else 0)
      next = hand + 1
    }
    free
  }
}

/** Layer-learner parameters of a core's layers. */
object LayerLearnerParams {

  /**
   * Hidden layer (layer 0) of `core` (the learning signals L_j from `spec`'s feedback): its feedforward rows and, if
   * it is recurrent, its recurrent rows.
   */
  def hidden(spec: HwThreeFactorLearning, core: HwCore): LayerLearnerParams = {
    spec.checkLearnable(core)
    val h = core.layers().get(0)
    of(spec, core, h, spec.learningSignalWidth(core), spec.hiddenWeightShift)
      .copy(recurrent = h.recurrent(), recurrentWeightShift = spec.recurrentWeightShift)
  }

  /** Output layer (layer 1) of `core`: weights only, output errors δ_k. */
  def output(spec: HwThreeFactorLearning, core: HwCore): LayerLearnerParams = {
    spec.checkLearnable(core)
    of(spec, core, core.outputLayer(), spec.errorWidth(core.timesteps()), spec.outputWeightShift)
  }

  private def of(spec: HwThreeFactorLearning, core: HwCore, l: HwLayer, signalWidth: Int, weightShift: Int)
      : LayerLearnerParams = {
    val t = core.timesteps()
    val maxDelay = if (l.delayMode() == DelayMode.NONE) 0 else l.maxDelay()
    // recurrent rows replay at delay 1 at least (no recurrent delays) or their own, up to max(1, maxDelay)
    val laneDelay = math.max(maxDelay, if (l.recurrent()) 1 else 0)
    // k is a runtime parameter of the neuron (its parameter word): the lane covers every shift the word can hold
    val maxLeak = (1 << l.neuron().leakShiftWidth()) - 1
    LayerLearnerParams(l.inputSize(), l.size(), t, l.weightWidth(), spec.weightFracBits, l.delayMode(), maxDelay,
      math.max(1, l.delayWidth()), spec.delayFracBits, signalWidth, weightShift, spec.delayShift, spec.roundingBits,
      spec.kappaShift, ReplayLaneParams.of(spec, maxLeak, t, laneDelay, l.delayMode() != DelayMode.NONE))
  }
}

/** The shadow-delay memory's host ports of a [[ThreeFactorLayerLearner]] ([[ThreeFactorLayerLearner.delayPorts]]). */
final case class LearnerDelayPorts(read: Bool, write: Bool, addr: UInt, data: UInt, out: UInt)

/**
 * The update walk of one layer of the three-factor learning unit after a training sample
 * (docs/learning.md Part II §9.3, docs/hardware.md §7.2), over the layer's memories:
 *
 * | memory | words | word | written by |
 * |---|---|---|---|
 * | spike history | n·T, address i·T + t | p_i[t], 1 bit | forward pass (now: `in_hist*`) |
 * | surrogate codes | m·T, address j·T + t | code_j[t] | forward pass (`in_code*`) |
 * | learning signals | m, address j | L_j or δ_j | error stage (`in_signal*`) |
 * | shadow weights | n·m, address i·m + j | w̃_ji, B + F_w bits | the walk; host load/peek (`in_weight*`) |
 * | shadow delays | n·m (SYNAPTIC, i·m + j) or n (AXONAL, i) | d̃, delay field + F_d | the walk; host (`in_delay*`) |
 *
 * One bit per (unit, step) and one code per (neuron, step): the walk reads exactly one history bit and one
 * code a clock, at a counter address, and the forward pass writes one bit per spike event and one code per
 * neuron update, so neither side needs a word wider than one step of one unit (no read-modify-write of a
 * T-bit word per spike, and the depth n·T packs into block RAM at any n; 1-bit words of 4 kbit EBR).
 *
 * A pulse on `in_start` (with the layer's rounding LFSR start state `in_lfsrState`, `Lfsr.seeded(seed,
 * UpdateRounding.stream(layer, epoch, position))`) walks the synapses row by row, i = 0..n−1, j = 0..m−1: per
 * synapse the walk reads w̃_ji, d̃ and L_j (fetch), clears the [[ThreeFactorReplayLane]] and reads step 0 (prime),
 * replays the T steps (one a clock, the next history bit and code read in the same clock) at the forward delay
 * `shr^HALF_UP_F_d(d̃)`, and hands the synapse to the updater (one clock: the serial multipliers take L, ē^W and
 * ē^ȳ), then goes on with the next synapse while the updater computes, one bit a clock ([[SerialMultiplier]], no
 * DSP), L·ē^W and L·w·ē^ȳ with the forward weight `sat_B(shr^HALF_UP_F_w(w̃))` the sample ran with, and writes:
 * SYNAPTIC `d̃ ← clamp(d̃ + rnd_{s_d}(L·w·ē^ȳ), 0, maxDelay·2^F_d)` with one draw, then `w̃ ← sat(w̃ −
 * rnd_{s_W}(L·ē^W))` with the next; AXONAL sums `G += L·w·ē^ȳ` over the row and, one clock after its last
 * synapse, `D̃_i ← clamp(D̃_i + rnd_{s_d}(G), …)` with the draw after the row's weights. Draws are the bits of
 * `Lfsr.nextBits(K)` in exactly `UpdateRounding.forSample`'s order (`ReplayLayerLearner.update`), so the shadows
 * after the walk are the trainer's, bit for bit; the LFSR steps [[ThreeFactorLayerLearner.drawStep]] bits a clock
 * while the multipliers run and the write reads the draws from a register. No word is read after the updater writes it (each
 * synapse's words once, an axonal delay by its own row only), so the overlap changes no value. The walk waits for
 * the updater only if an update takes longer than a replay (`LayerLearnerParams.updateClocks` >
 * `replayClocks` − 1: T < A + B with learned delays). [[LayerLearnerParams.walkClocks]] clocks after the
 * start `out_busy` falls. While busy the walk owns the memories (host accesses are ignored); `in_leakShift` (k of
 * the layer's neurons) is held for the walk. A host read (`in_weightRead`, `in_delayRead`) returns its word on
 * `out_weight`/`out_delay` after the clock edge; both read 0 otherwise.
 */
class ThreeFactorLayerLearner(p: LayerLearnerParams) extends Module {
  override def desiredName: String =
    s"ThreeFactorLayerLearner_${p.delayMode.name.toLowerCase}_n${p.inputs}m${p.size}t${p.timesteps}k${p.roundingBits}" +
      (if (p.recurrent) "r" else "") + variant

  /** A suffix of the module name for a subclass that changes the walk (a test's mutant). */
  protected def variant: String = ""

  /** Whether a synaptic delay's draw precedes its weight's (the trainer's order; a mutant may swap them). */
  protected def delayDrawFirst: Boolean = true

  /** The delay a recurrent row replays at without recurrent delays (the trainer's: 1; a mutant may change it). */
  protected def fixedRecurrentDelay: Int = 1

  private def addrWidth(words: Int): Int = math.max(1, log2Ceil(math.max(2, words)))
  private val lane = p.lane
  private val n = p.inputs
  private val m = p.size
  private val rows = p.rows
  private val steps = p.timesteps

  val in_start = IO(Input(Bool()))
  val in_lfsrState = IO(Input(UInt(HwLfsr.Width.W)))
  val in_leakShift = IO(Input(UInt(lane.leakWidth.W)))
  val out_busy = IO(Output(Bool()))

  val in_histWrite = IO(Input(Bool()))
  val in_histAddr = IO(Input(UInt(addrWidth(rows * steps).W)))
  val in_histData = IO(Input(Bool()))
  val in_codeWrite = IO(Input(Bool()))
  val in_codeAddr = IO(Input(UInt(addrWidth(m * steps).W)))
  val in_codeData = IO(Input(UInt(lane.codeWidth.W)))
  val in_signalWrite = IO(Input(Bool()))
  val in_signalAddr = IO(Input(UInt(addrWidth(m).W)))
  val in_signalData = IO(Input(SInt(p.signalWidth.W)))
  val in_weightRead = IO(Input(Bool()))
  val in_weightWrite = IO(Input(Bool()))
  val in_weightAddr = IO(Input(UInt(addrWidth(rows * m).W)))
  val in_weightData = IO(Input(SInt(p.shadowWeightWidth.W)))
  val out_weight = IO(Output(SInt(p.shadowWeightWidth.W)))

  private val histMem = SyncReadMem(math.max(2, rows * steps), Bool())
  private val codeMem = SyncReadMem(math.max(2, m * steps), UInt(lane.codeWidth.W))
  // at least 16 words (only the first m are addressed): yosys maps a memory of a few words to flip-flops and
  // multiplexers, logic cells the UP5K runs short of, but one of 16 words to a block RAM, of which a core leaves
  // more than half unused (the output layer's 4 signals of the delay task: about 50 logic cells)
  private val signalMem = SyncReadMem(math.max(16, m), SInt(p.signalWidth.W))
  private val weightMem = SyncReadMem(math.max(2, rows * m), SInt(p.shadowWeightWidth.W))

  // the walk replays synapse after synapse; the updater multiplies and writes the last one meanwhile
  private val sIdle :: sFetch :: sPrime :: sStep :: sHand :: Nil = Enum(5)
  private val uIdle :: uMul :: uLoadDelay :: uMulDelay :: uRound :: uUpdate :: uRowRound :: uRowDelay :: Nil = Enum(8)
  private val phase = RegInit(sIdle)
  private val upd = RegInit(uIdle)
  private val busy = phase =/= sIdle || upd =/= uIdle
  private val handOver = phase === sHand && upd === uIdle
  private val i = RegInit(0.U(addrWidth(rows).W))
  private val j = RegInit(0.U(addrWidth(m).W))
  private val t = RegInit(0.U(addrWidth(steps).W))
  private val shadowW = Reg(SInt(p.shadowWeightWidth.W))
  private val signal = Reg(SInt(p.signalWidth.W))

  // addresses as counters (no multiplier): (j, i) at i·m + j, p_i[t] at i·T + t, code_j[t] at j·T + t; with m and T
  // powers of two they are the indices side by side (i·m + j = i ## j): no counters, no adders
  private val packedAddresses = isPow2(m) && isPow2(steps)
  /** `hi·count + lo` for a power-of-two count and lo < count, in `width` bits (exact: the address is below 2^width). */
  private def beside(hi: UInt, lo: UInt, count: Int, width: Int): UInt =
    (if (count == 1) hi else Cat(hi, lo(log2Ceil(count) - 1, 0))).pad(width)(width - 1, 0)
  private val synapseCount = if (packedAddresses) None else Some(RegInit(0.U(addrWidth(rows * m).W)))
  private val rowBase = if (packedAddresses) None else Some(RegInit(0.U(addrWidth(rows * steps).W)))
  private val neuronBase = if (packedAddresses) None else Some(RegInit(0.U(addrWidth(m * steps).W)))
  private val synapse = synapseCount.getOrElse(beside(i, j, m, addrWidth(rows * m)))
  private val lastJ = j === (m - 1).U
  private val lastI = i === (rows - 1).U
  /** Whether the walk is in a recurrent row (presynaptic unit = hidden neuron i − n). */
  private val recurrentRow = if (p.recurrent) i >= n.U else false.B

  // the step the walk reads next: 0 while priming, t + 1 while replaying step t
  private val readStep = Mux(phase === sPrime, 0.U, t +& 1.U)
  // packed: the read of step T (after the last step) wraps to the row's step 0; its data is never stepped into the lane
  private val histAddr = rowBase.map(_ +& readStep).getOrElse(beside(i, readStep, steps, addrWidth(rows * steps)))
  private val codeAddr = neuronBase.map(_ +& readStep).getOrElse(beside(j, readStep, steps, addrWidth(m * steps)))
  private val histData = histMem.read(histAddr, phase === sPrime || phase === sStep)
  private val codeData = codeMem.read(codeAddr, phase === sPrime || phase === sStep)
  when(!busy && in_histWrite) { histMem.write(in_histAddr, in_histData) }
  when(!busy && in_codeWrite) { codeMem.write(in_codeAddr, in_codeData) }
  private val signalData = signalMem.read(j, phase === sFetch)
  when(!busy && in_signalWrite) { signalMem.write(in_signalAddr, in_signalData) }
  private val weightData = weightMem.read(Mux(busy, synapse, in_weightAddr), Mux(busy, phase === sFetch, in_weightRead))
  /** A host read's word, the clock after `read`; 0 otherwise (no undefined read data on the port). */
  private def peek[T <: Data](data: T, read: Bool): T = Mux(RegNext(!busy && read, false.B), data, 0.U.asTypeOf(data))
  out_weight := peek(weightData, in_weightRead)

  // what the updater holds of the synapse handed over: its shadows, address and row
  private val uShadowW = Reg(SInt(p.shadowWeightWidth.W))
  private val uSynapse = Reg(UInt(addrWidth(rows * m).W))
  // the row of an axonal delay: a feedforward row (a recurrent row has none), so n words of address
  private val axonalRows = p.recurrent && p.delayMode == DelayMode.AXONAL
  private val uRow = Reg(UInt((if (axonalRows) addrWidth(n) else addrWidth(rows)).W))
  private val uRowEnd = Reg(Bool())
  /** Whether the synapse handed over is recurrent. */
  private val uRecurrent = RegInit(false.B)

  // the delay memory, the forward delay the lane replays at and the updater's copy of the shadow delay
  private final class Delays {
    val in_read = IO(Input(Bool())).suggestName("in_delayRead")
    val in_write = IO(Input(Bool())).suggestName("in_delayWrite")
    val in_addr = IO(Input(UInt(addrWidth(p.delayWords).W))).suggestName("in_delayAddr")
    val in_data = IO(Input(UInt(p.shadowDelayWidth.W))).suggestName("in_delayData")
    val out_data = IO(Output(UInt(p.shadowDelayWidth.W))).suggestName("out_delay")
    val mem = SyncReadMem(math.max(2, p.delayWords), UInt(p.shadowDelayWidth.W))
    private val synaptic = p.delayMode == DelayMode.SYNAPTIC
    // AXONAL: a recurrent row has no delay word (its delay is 1): it reads word 0, unused
    private val rowWord = if (axonalRows) Mux(recurrentRow, 0.U, i(addrWidth(n) - 1, 0)) else i
    val data = mem.read(Mux(busy, if (synaptic) synapse else rowWord, in_addr), Mux(busy, phase === sFetch, in_read))
    out_data := peek(data, in_read)
    val shadow = Reg(UInt(p.shadowDelayWidth.W))
    /** The forward delay of a fetched shadow `sh`: its shadow's, or 1 in a recurrent row without recurrent delays. */
    def forwardOf(sh: UInt): UInt = {
      val shadowForward = HwThreeFactor.forwardDelay(sh, p.delayFracBits, lane.delayWidth)
      if (p.recurrent && !p.learnsRecurrentDelays) Mux(recurrentRow, fixedRecurrentDelay.U(lane.delayWidth.W), shadowForward)
      else shadowForward
    }
    /**
     * The forward delay the lane replays the synapse at, registered in the prime clock with the shadow (constant for
     * the replay: the rounding of the shadow is not on the lane's per-step path).
     */
    val forward = Reg(UInt(lane.delayWidth.W))
    val uShadow = Reg(UInt(p.shadowDelayWidth.W))
    /**
     * The updated shadow delay from the rounded term (`HwThreeFactor.roundedShift` of the term by s_d, registered):
     * clamped to 0..maxDelay, a recurrent one to 1..max(1, maxDelay) (`HwThreeFactor.updatedShadowDelay` in two clocks).
     */
    def updated(rounded: SInt): UInt = {
      val feedforward = HwThreeFactor.shadowDelayPlus(uShadow, rounded, p.delayFracBits, 0, p.maxDelay)
      if (p.learnsRecurrentDelays) Mux(uRecurrent, HwThreeFactor.shadowDelayPlus(uShadow, rounded, p.delayFracBits, 1,
        math.max(1, p.maxDelay)), feedforward)
      else feedforward
    }
    /** The updater's write of `value` when `en` (one write port: the host's when idle). */
    def write(en: Bool, value: UInt): Unit = {
      when(Mux(busy, en, in_write)) {
        mem.write(Mux(busy, if (synaptic) uSynapse else uRow, in_addr), Mux(busy, value, in_data))
      }
    }
  }
  private val delays = if (p.learnsDelays) Some(new Delays) else None

  /**
   * The host ports of the shadow-delay memory (a layer that learns delays): `in_delayRead`, `in_delayWrite`,
   * `in_delayAddr`, `in_delayData` and `out_delay`, used like the weight memory's.
   */
  def delayPorts: Option[LearnerDelayPorts] =
    delays.map(d => LearnerDelayPorts(d.in_read, d.in_write, d.in_addr, d.in_data, d.out_data))

  private val replay = Module(new ThreeFactorReplayLane(lane))
  replay.in_clear := phase === sPrime
  replay.in_step := phase === sStep
  replay.in_spike := histData
  replay.in_code := codeData
  replay.in_delay := delays.map(_.forward).getOrElse(if (p.recurrent) Mux(recurrentRow, fixedRecurrentDelay.U(lane.delayWidth.W), 0.U) else 0.U)
  replay.in_leakShift := in_leakShift
  replay.in_kappaShift := p.kappaShift.U

  /**
   * Names for the operands of a stochastic rounding shift, `<name>_rounding_operand…`: a shift by s > K reads its
   * operand from bit s − K up (the bits below cannot change ⌊v·2^−s + r·2^−K⌋), so lint waives those names' low
   * bits unused.
   */
  private def roundingOperandName(name: String): String = name + "_rounding_operand"

  // the products, one bit a clock: L·ē^W and L·ē^ȳ loaded at the hand-over (the lane still holds ē), then
  // (L·ē^ȳ)·w = L·w·ē^ȳ with the forward weight the sample ran with
  // every multiplicand is held by a register here from the load to the product (the multipliers keep no copy):
  // L in uSignal (written at the hand-over, read after it), L·ē^ȳ in its multiplier until the next hand-over
  // (the updater's states end with the multipliers' last steps: no clock counter of its own)
  private def multiplier(a: SInt, b: SInt, load: Bool, name: String): SerialMultiplier = {
    val mul = Module(new SerialMultiplier(a.getWidth, b.getWidth, holdsA = false)).suggestName(name)
    mul.in_load := load
    mul.in_a := a
    mul.in_b := b
    mul
  }
  private val uSignal = Reg(SInt(p.signalWidth.W))
  when(handOver) { uSignal := signal }
  private val weightMul = multiplier(uSignal, replay.out_eligibilityW, handOver, roundingOperandName("weight"))
  private val weightProduct = weightMul.out_product
  private val delayMul = if (p.learnsDelays) {
    val signalTimesE = multiplier(uSignal, replay.out_eligibilityD, handOver, "signal_eligibility").out_product
    val forwardWeight = HwDesire.forwardWeight(uShadowW, p.weightFracBits, p.weightWidth)
    Some(multiplier(signalTimesE, forwardWeight, upd === uLoadDelay, roundingOperandName("delay")))
  } else None
  private val delayProduct = delayMul.map(_.out_product).getOrElse(0.S)

  // the update's draws (K bits each, `UpdateRounding.forSample`'s order), drawn while the multipliers run: the
  // rounding LFSR steps `stepBits` bits a clock ([[ThreeFactorLayerLearner.drawStep]]) from the hand-over on and its
  // output bits collect in `drawn`, so the rounding reads them from flip-flops (an unrolled K- or 2K-step XOR network
  // between the state register and the rounding was the learning core's critical path). `drawn` holds a marker bit:
  // the hand-over puts it at bit `need` (the bits this synapse draws: K, or 2K for a synaptic delay's draw and its
  // weight's and for an axonal row's last synapse, whose row delay draws after its weight), every step moves it down
  // by `stepBits` while the bits enter at the top, and it reaches bit 0 after exactly `need` bits: the LFSR stops
  // there, at the state after the synapse's draws, as `nextBits` leaves it. Bits D..D − need + 1 are then the draws,
  // the first one lowest.
  private val axonal = p.delayMode == DelayMode.AXONAL
  private val draws = p.roundingBits > 0
  private val drawBits = if (p.learnsDelays) 2 * p.roundingBits else p.roundingBits // D
  private val stepBits = ThreeFactorLayerLearner.drawStep(p)
  private val lfsr = RegInit(0.U(HwLfsr.Width.W))
  private val drawn = RegInit(1.U((drawBits + 1).W))
  if (draws) {
    when(handOver) {
      drawn := (if (axonal) Mux(lastJ && !recurrentRow, (BigInt(1) << drawBits).U, (BigInt(1) << p.roundingBits).U)
                else (BigInt(1) << drawBits).U)
    }.elsewhen(!drawn(0)) {
      val d = HwLfsr.nextBits(lfsr, stepBits)
      drawn := Cat(d.bits, drawn(drawBits, stepBits))
      lfsr := d.next
    }
  }
  /** The k-th draw (k = 0, 1) of a synapse that draws 2K bits; of one that draws K bits, draw 0 is `draw(1)`. */
  private def draw(k: Int): Option[UInt] =
    if (!draws) None else Some(drawn(k * p.roundingBits + p.roundingBits, k * p.roundingBits + 1))

  // the update of the synapse handed over, in the trainer's order of draws, in two clocks: uRound registers the
  // rounded terms (`HwThreeFactor.roundedShift`: the stochastic carry and the increment), uUpdate subtracts and
  // saturates the weight, adds and clamps the delay, and writes (HwThreeFactor.updatedShadowWeight/-Delay, split)
  private def pad(x: SInt, width: Int): SInt = x.pad(width)
  private val roundedWeight: SInt = {
    val rnd = p.delayMode match {
      case DelayMode.SYNAPTIC => if (delayDrawFirst) draw(1) else draw(0) // the delay's draw first
      // the weight's draw is the first of two at the row's last synapse (the row delay's is the second), else the only one
      case DelayMode.AXONAL => draw(0).map(first => Mux(uRowEnd && !uRecurrent, first, draw(1).get))
      case _ => draw(0)
    }
    val feedforward = HwThreeFactor.roundedShift(weightProduct, p.weightShift, rnd)
    if (p.recurrent) {
      val rec = HwThreeFactor.roundedShift(weightProduct, p.recurrentWeightShift, rnd)
      val width = math.max(feedforward.getWidth, rec.getWidth)
      Mux(uRecurrent, pad(rec, width), pad(feedforward, width))
    } else feedforward
  }
  private val uRoundedW = Reg(SInt(roundedWeight.getWidth.W))
  when(upd === uRound) { uRoundedW := roundedWeight }
  private val newShadowW = HwThreeFactor.shadowWeightMinus(uShadowW, uRoundedW, p.shadowWeightWidth)

  // AXONAL: G of the row, summed over its synapses; its delay is rounded one clock after the row's last synapse and
  // written the clock after
  private val gradient =
    if (axonal) Some(RegInit(0.S((delayProduct.getWidth + log2Ceil(m + 1)).W)).suggestName(roundingOperandName("gradient")))
    else None
  /** The rounded delay term: SYNAPTIC the synapse's (its draw), AXONAL the row's G (the draw after the row's weights). */
  private val roundedDelay: Option[SInt] = p.delayMode match {
    case DelayMode.SYNAPTIC => Some(HwThreeFactor.roundedShift(delayProduct, p.delayShift,
      if (delayDrawFirst) draw(0) else draw(1)))
    case DelayMode.AXONAL => Some(HwThreeFactor.roundedShift(gradient.get, p.delayShift, draw(1)))
    case _ => None
  }
  private val uRoundedD = roundedDelay.map(r => Reg(SInt(r.getWidth.W)))
  for ((reg, r) <- uRoundedD.zip(roundedDelay)) {
    when(upd === (if (axonal) uRowRound else uRound)) { reg := r }
  }
  private val newShadowD = uRoundedD.map(r => delays.get.updated(r))

  when(Mux(busy, upd === uUpdate, in_weightWrite)) { // one write port: the updater's, the host's when idle
    weightMem.write(Mux(busy, uSynapse, in_weightAddr), Mux(busy, newShadowW, in_weightData))
  }
  delays.foreach(_.write(if (axonal) upd === uRowDelay else upd === uUpdate, newShadowD.get))

  switch(phase) {
    is(sFetch) {
      phase := sPrime
    }
    is(sPrime) {
      shadowW := weightData
      signal := signalData
      delays.foreach { d =>
        d.shadow := d.data
        d.forward := d.forwardOf(d.data)
      }
      t := 0.U
      phase := sStep
    }
    is(sStep) {
      t := t + 1.U
      when(t === (steps - 1).U) { phase := sHand }
    }
    is(sHand) { // waits for the updater, hands the synapse over and moves on
      when(upd === uIdle) {
        synapseCount.foreach(c => c := c + 1.U)
        neuronBase.foreach(b => b := Mux(lastJ, 0.U, b + steps.U))
        j := Mux(lastJ, 0.U, j + 1.U)
        when(lastJ) {
          rowBase.foreach(b => b := b + steps.U)
          i := i + 1.U
        }
        phase := Mux(lastJ && lastI, sIdle, sFetch)
      }
    }
  }

  when(handOver) {
    uShadowW := shadowW
    delays.foreach(d => d.uShadow := d.shadow)
    uSynapse := synapse
    uRow := (if (axonalRows) i(addrWidth(n) - 1, 0) else i)
    uRowEnd := lastJ
    uRecurrent := recurrentRow
    upd := uMul
  }
  switch(upd) {
    is(uMul) { // L·ē^W (and L·ē^ȳ, loaded with it): A clocks
      when(weightMul.out_lastStep) { upd := (if (p.learnsDelays) uLoadDelay else uRound) }
    }
    is(uLoadDelay) {
      upd := uMulDelay
    }
    is(uMulDelay) { // (L·ē^ȳ)·w: B clocks
      when(delayMul.map(_.out_lastStep).getOrElse(true.B)) { upd := uRound }
    }
    is(uRound) { // the rounded terms into uRoundedW (and SYNAPTIC: uRoundedD)
      upd := uUpdate
    }
    is(uUpdate) {
      // AXONAL: a recurrent row (delay 1) adds nothing to G and has no row delay
      gradient.foreach(g => when(!uRecurrent) { g := g + delayProduct })
      upd := (if (axonal) Mux(uRowEnd && !uRecurrent, uRowRound, uIdle) else uIdle)
    }
  }
  if (axonal) {
    when(upd === uRowRound) { // G rounded into uRoundedD
      upd := uRowDelay
    }
    when(upd === uRowDelay) { // the row's delay from G (its shadow was fetched with the row's last synapse)
      gradient.get := 0.S
      upd := uIdle
    }
  }
  when(!busy && in_start) {
    phase := sFetch
    i := 0.U
    j := 0.U
    synapseCount.foreach(_ := 0.U)
    rowBase.foreach(_ := 0.U)
    neuronBase.foreach(_ := 0.U)
    gradient.foreach(_ := 0.S)
    if (p.roundingBits > 0) lfsr := in_lfsrState
  }
  out_busy := busy
}

object ThreeFactorLayerLearner {

  /**
   * LFSR bits the updater draws a clock while its multipliers run: the fewest that divide K and draw the most a
   * synapse needs (2K with learned delays, else K) in the [[LayerLearnerParams.updateClocks]] − 2 clocks from the
   * hand-over to the rounding (1 for the delay task's layers: 32 bits in 33 clocks, 16 in 24); K at most (the whole
   * draw in one clock). 0 for K = 0.
   */
  def drawStep(p: LayerLearnerParams): Int = {
    val k = p.roundingBits
    if (k == 0) 0
    else {
      val need = if (p.learnsDelays) 2 * k else k
      val clocks = p.updateClocks - 2 // the draws are read in the rounding clock, before the write
      (1 to k).find(s => k % s == 0 && s * clocks >= need).getOrElse(k)
    }
  }
}
