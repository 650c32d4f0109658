package dev.spikeforge.hwgen

import chisel3._
import chisel3.util.{log2Ceil, switch, is, Enum}
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
 */
final case class LayerLearnerParams(inputs: Int, size: Int, timesteps: Int, weightWidth: Int, weightFracBits: Int,
    delayMode: DelayMode, maxDelay: Int, delayWidth: Int, delayFracBits: Int, signalWidth: Int, weightShift: Int,
    delayShift: Int, roundingBits: Int, kappaShift: Int, lane: ReplayLaneParams) {
  require(inputs >= 1 && size >= 1 && timesteps >= 1, s"inputs $inputs, size $size, T $timesteps")
  require(delayMode == DelayMode.NONE || lane.maxDelay == maxDelay, s"lane delays 0..${lane.maxDelay}, layer 0..$maxDelay")

  /** Whether the layer learns delays. */
  def learnsDelays: Boolean = delayMode != DelayMode.NONE

  /** Bits of a shadow weight word: B + F_w. */
  def shadowWeightWidth: Int = weightWidth + weightFracBits

  /** Bits of a shadow delay word: the delay field + F_d. */
  def shadowDelayWidth: Int = delayWidth + delayFracBits

  /** Words of the shadow-delay memory: one per synapse (SYNAPTIC) or per row (AXONAL), 0 with NONE. */
  def delayWords: Int = delayMode match {
    case DelayMode.SYNAPTIC => inputs * size
    case DelayMode.AXONAL   => inputs
    case _                  => 0
  }

  /**
   * Clocks of one synapse: fetch, prime, T replay steps, the serial products L·ē^W and L·ē^ȳ (a load and A
   * clocks), with learned delays (L·ē^ȳ)·w (a load and B clocks), and the update.
   */
  def clocksPerSynapse: Int = timesteps + 3 + 1 + SerialMultiplier.latency(lane.eligibilityWidth) +
    (if (learnsDelays) 1 + SerialMultiplier.latency(weightWidth) else 0)

  /** Clocks from `in_start` to `out_busy` falling: every synapse, one more per row for an axonal delay. */
  def walkClocks: Int = inputs * size * clocksPerSynapse + (if (delayMode == DelayMode.AXONAL) inputs else 0)
}

/** Layer-learner parameters of a core's layers. */
object LayerLearnerParams {

  /** Hidden layer (layer 0) of `core`, feedforward synapses (the learning signals L_j from `spec`'s feedback). */
  def hidden(spec: HwThreeFactorLearning, core: HwCore): LayerLearnerParams = {
    spec.checkLearnable(core)
    val h = core.layers().get(0)
    require(!h.recurrent(), "the update walk covers feedforward layers; recurrent rows are not walked yet")
    of(spec, core, h, spec.learningSignalWidth(core), spec.hiddenWeightShift)
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
    // k is a runtime parameter of the neuron (its parameter word): the lane covers every shift the word can hold
    val maxLeak = (1 << l.neuron().leakShiftWidth()) - 1
    LayerLearnerParams(l.inputSize(), l.size(), t, l.weightWidth(), spec.weightFracBits, l.delayMode(), maxDelay,
      math.max(1, l.delayWidth()), spec.delayFracBits, signalWidth, weightShift, spec.delayShift, spec.roundingBits,
      spec.kappaShift, ReplayLaneParams.of(spec, maxLeak, t, maxDelay, l.delayMode() != DelayMode.NONE))
  }
}

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
 * synapse it reads w̃_ji, d̃ and L_j (fetch), clears the [[ThreeFactorReplayLane]] and reads step 0 (prime),
 * replays the T steps (one a clock, the next history bit and code read in the same clock) at the forward delay
 * `shr^HALF_UP_F_d(d̃)` and the forward weight `sat_B(shr^HALF_UP_F_w(w̃))` the sample ran with, and updates
 * (one clock): SYNAPTIC `d̃ ← clamp(d̃ + rnd_{s_d}(L·w·ē^ȳ), 0, maxDelay·2^F_d)` with one draw, then `w̃ ←
 * sat(w̃ − rnd_{s_W}(L·ē^W))` with the next; AXONAL sums `G += L·w·ē^ȳ` over the row and, one clock after
 * its last synapse, `D̃_i ← clamp(D̃_i + rnd_{s_d}(G), …)` with the draw after the row's weights. Draws are
 * `HwLfsr.nextBits(state, K)` in exactly `UpdateRounding.forSample`'s order (`ReplayLayerLearner.update`), so
 * the shadows after the walk are the trainer's, bit for bit. [[LayerLearnerParams.walkClocks]] clocks after
 * the start `out_busy` falls. While busy the walk owns the memories (host accesses are ignored); `in_leakShift`
 * (k of the layer's neurons) is held for the walk. A host read (`in_weightRead`, `in_delayRead`) returns its word
 * on `out_weight`/`out_delay` after the clock edge; both read 0 otherwise.
 */
class ThreeFactorLayerLearner(p: LayerLearnerParams) extends Module {
  override def desiredName: String =
    s"ThreeFactorLayerLearner_${p.delayMode.name.toLowerCase}_n${p.inputs}m${p.size}t${p.timesteps}k${p.roundingBits}" +
      variant

  /** A suffix of the module name for a subclass that changes the walk (a test's mutant). */
  protected def variant: String = ""

  /** Whether a synaptic delay's draw precedes its weight's (the trainer's order; a mutant may swap them). */
  protected def delayDrawFirst: Boolean = true

  private def addrWidth(words: Int): Int = math.max(1, log2Ceil(math.max(2, words)))
  private val lane = p.lane
  private val n = p.inputs
  private val m = p.size
  private val steps = p.timesteps

  val in_start = IO(Input(Bool()))
  val in_lfsrState = IO(Input(UInt(HwLfsr.Width.W)))
  val in_leakShift = IO(Input(UInt(lane.leakWidth.W)))
  val out_busy = IO(Output(Bool()))

  val in_histWrite = IO(Input(Bool()))
  val in_histAddr = IO(Input(UInt(addrWidth(n * steps).W)))
  val in_histData = IO(Input(Bool()))
  val in_codeWrite = IO(Input(Bool()))
  val in_codeAddr = IO(Input(UInt(addrWidth(m * steps).W)))
  val in_codeData = IO(Input(UInt(lane.codeWidth.W)))
  val in_signalWrite = IO(Input(Bool()))
  val in_signalAddr = IO(Input(UInt(addrWidth(m).W)))
  val in_signalData = IO(Input(SInt(p.signalWidth.W)))
  val in_weightRead = IO(Input(Bool()))
  val in_weightWrite = IO(Input(Bool()))
  val in_weightAddr = IO(Input(UInt(addrWidth(n * m).W)))
  val in_weightData = IO(Input(SInt(p.shadowWeightWidth.W)))
  val out_weight = IO(Output(SInt(p.shadowWeightWidth.W)))

  private val histMem = SyncReadMem(math.max(2, n * steps), Bool())
  private val codeMem = SyncReadMem(math.max(2, m * steps), UInt(lane.codeWidth.W))
  private val signalMem = SyncReadMem(math.max(2, m), SInt(p.signalWidth.W))
  private val weightMem = SyncReadMem(math.max(2, n * m), SInt(p.shadowWeightWidth.W))

  private val sIdle :: sFetch :: sPrime :: sStep :: sLoad :: sMul :: sLoadDelay :: sMulDelay :: sUpdate :: sRowDelay :: Nil =
    Enum(10)
  private val phase = RegInit(sIdle)
  private val busy = phase =/= sIdle
  private val i = RegInit(0.U(addrWidth(n).W))
  private val j = RegInit(0.U(addrWidth(m).W))
  private val t = RegInit(0.U(addrWidth(math.max(steps, lane.eligibilityWidth) + 1).W)) // step, or multiplier clock
  private val lfsr = RegInit(0.U(HwLfsr.Width.W))
  private val shadowW = Reg(SInt(p.shadowWeightWidth.W))
  private val signal = Reg(SInt(p.signalWidth.W))

  // addresses as counters (no multiplier): (j, i) at i·m + j, p_i[t] at i·T + t, code_j[t] at j·T + t
  private val synapse = RegInit(0.U(addrWidth(n * m).W))
  private val rowBase = RegInit(0.U(addrWidth(n * steps).W))
  private val neuronBase = RegInit(0.U(addrWidth(m * steps).W))
  private val lastJ = j === (m - 1).U
  private val lastI = i === (n - 1).U

  // the step the walk reads next: 0 while priming, t + 1 while replaying step t
  private val readStep = Mux(phase === sPrime, 0.U, t +& 1.U)
  private val histData = histMem.read(rowBase +& readStep, phase === sPrime || phase === sStep)
  private val codeData = codeMem.read(neuronBase +& readStep, phase === sPrime || phase === sStep)
  when(!busy && in_histWrite) { histMem.write(in_histAddr, in_histData) }
  when(!busy && in_codeWrite) { codeMem.write(in_codeAddr, in_codeData) }
  private val signalData = signalMem.read(j, phase === sFetch)
  when(!busy && in_signalWrite) { signalMem.write(in_signalAddr, in_signalData) }
  private val weightData = weightMem.read(Mux(busy, synapse, in_weightAddr), Mux(busy, phase === sFetch, in_weightRead))
  /** A host read's word, the clock after `read`; 0 otherwise (no undefined read data on the port). */
  private def peek[T <: Data](data: T, read: Bool): T = Mux(RegNext(!busy && read, false.B), data, 0.U.asTypeOf(data))
  out_weight := peek(weightData, in_weightRead)

  /** One draw of K bits from `state` and the state after it (K = 0: HALF_EVEN, no draw). */
  private def draw(state: UInt): (Option[UInt], UInt) =
    if (p.roundingBits == 0) (None, state)
    else {
      val d = HwLfsr.nextBits(state, p.roundingBits)
      (Some(d.bits), d.next)
    }

  // the delay memory and the forward delay the lane replays at
  private final class Delays {
    val in_read = IO(Input(Bool())).suggestName("in_delayRead")
    val in_write = IO(Input(Bool())).suggestName("in_delayWrite")
    val in_addr = IO(Input(UInt(addrWidth(p.delayWords).W))).suggestName("in_delayAddr")
    val in_data = IO(Input(UInt(p.shadowDelayWidth.W))).suggestName("in_delayData")
    val out_data = IO(Output(UInt(p.shadowDelayWidth.W))).suggestName("out_delay")
    val mem = SyncReadMem(math.max(2, p.delayWords), UInt(p.shadowDelayWidth.W))
    val walkAddr = if (p.delayMode == DelayMode.SYNAPTIC) synapse else i
    val data = mem.read(Mux(busy, walkAddr, in_addr), Mux(busy, phase === sFetch, in_read))
    out_data := peek(data, in_read)
    val shadow = Reg(UInt(p.shadowDelayWidth.W))
    val forward = HwThreeFactor.forwardDelay(shadow, p.delayFracBits, lane.delayWidth)
    def updated(term: SInt, rnd: Option[UInt]): UInt =
      HwThreeFactor.updatedShadowDelay(shadow, term, p.delayShift, rnd, p.delayFracBits, 0, p.maxDelay)
    /** The walk's write, `value` at the walk's address when `en` (one write port: the host's when idle). */
    def write(en: Bool, value: UInt): Unit = {
      when(Mux(busy, en, in_write)) { mem.write(Mux(busy, walkAddr, in_addr), Mux(busy, value, in_data)) }
    }
  }
  private val delays = if (p.learnsDelays) Some(new Delays) else None

  private val replay = Module(new ThreeFactorReplayLane(lane))
  replay.in_clear := phase === sPrime
  replay.in_step := phase === sStep
  replay.in_spike := histData
  replay.in_code := codeData
  replay.in_delay := delays.map(_.forward).getOrElse(0.U)
  replay.in_leakShift := in_leakShift
  replay.in_kappaShift := p.kappaShift.U

  /**
   * Names for the operands of a stochastic rounding shift, `<name>_rounding_operand…`: a shift by s > K reads its
   * operand from bit s − K up (the bits below cannot change ⌊v·2^−s + r·2^−K⌋), so lint waives those names' low
   * bits unused.
   */
  private def roundingOperandName(name: String): String = name + "_rounding_operand"

  // the products of the update, one bit a clock after the replay (the lane holds ē^W and ē^ȳ meanwhile)
  private val forwardWeight = HwDesire.forwardWeight(shadowW, p.weightFracBits, p.weightWidth)
  private def product(a: SInt, b: SInt, load: Bool, name: String): SInt = {
    val mul = Module(new SerialMultiplier(a.getWidth, b.getWidth)).suggestName(name)
    mul.in_load := load
    mul.in_a := a
    mul.in_b := b
    mul.out_product
  }
  private val weightProduct = product(signal, replay.out_eligibilityW, phase === sLoad, roundingOperandName("weight"))
  private val delayProduct = if (p.learnsDelays) { // (L·ē^ȳ)·w = L·w·ē^ȳ, exact
    val signalTimesE = product(signal, replay.out_eligibilityD, phase === sLoad, "signal_eligibility")
    product(signalTimesE, forwardWeight, phase === sLoadDelay, roundingOperandName("delay"))
  } else 0.S
  private val (newShadowW, newShadowD, lfsrAfterSynapse) = {
    def weight(rnd: Option[UInt]) =
      HwThreeFactor.updatedShadowWeight(shadowW, weightProduct, p.weightShift, rnd, p.shadowWeightWidth)
    if (p.delayMode == DelayMode.SYNAPTIC) {
      val (first, s1) = draw(lfsr)
      val (second, s2) = draw(s1)
      val (rD, rW) = if (delayDrawFirst) (first, second) else (second, first)
      (weight(rW), Some(delays.get.updated(delayProduct, rD)), s2)
    } else {
      val (rW, s1) = draw(lfsr)
      (weight(rW), None, s1)
    }
  }

  // AXONAL: G of the row, summed over its synapses; its delay is updated one clock after the row's last synapse
  private val axonal = p.delayMode == DelayMode.AXONAL
  private val gradient =
    if (axonal) Some(RegInit(0.S((delayProduct.getWidth + log2Ceil(m + 1)).W)).suggestName(roundingOperandName("gradient")))
    else None
  private val (rowDelay, lfsrAfterRow) = gradient.map { g =>
    val (rD, s1) = draw(lfsr)
    (delays.get.updated(g, rD), s1)
  }.getOrElse((0.U, lfsr))

  when(Mux(busy, phase === sUpdate, in_weightWrite)) { // one write port: the walk's, the host's when idle
    weightMem.write(Mux(busy, synapse, in_weightAddr), Mux(busy, newShadowW, in_weightData))
  }
  delays.foreach(_.write(if (axonal) phase === sRowDelay else phase === sUpdate, newShadowD.getOrElse(rowDelay)))

  switch(phase) {
    is(sFetch) {
      phase := sPrime
    }
    is(sPrime) {
      shadowW := weightData
      signal := signalData
      delays.foreach(d => d.shadow := d.data)
      t := 0.U
      phase := sStep
    }
    is(sStep) {
      t := t + 1.U
      when(t === (steps - 1).U) { phase := sLoad }
    }
    is(sLoad) {
      t := 0.U
      phase := sMul
    }
    is(sMul) {
      t := t + 1.U
      when(t === (SerialMultiplier.latency(lane.eligibilityWidth) - 1).U) {
        phase := (if (p.learnsDelays) sLoadDelay else sUpdate)
      }
    }
    is(sLoadDelay) {
      t := 0.U
      phase := sMulDelay
    }
    is(sMulDelay) {
      t := t + 1.U
      when(t === (SerialMultiplier.latency(p.weightWidth) - 1).U) { phase := sUpdate }
    }
    is(sUpdate) {
      synapse := synapse + 1.U
      neuronBase := Mux(lastJ, 0.U, neuronBase + steps.U)
      when(lastJ) { rowBase := rowBase + steps.U }
      if (p.roundingBits > 0) lfsr := lfsrAfterSynapse
      gradient.foreach(g => g := g + delayProduct)
      j := Mux(lastJ, 0.U, j + 1.U)
      when(lastJ) {
        if (axonal) phase := sRowDelay
        else {
          i := i + 1.U
          phase := Mux(lastI, sIdle, sFetch)
        }
      }.otherwise {
        phase := sFetch
      }
    }
  }
  if (axonal) {
    when(phase === sRowDelay) { // the row's delay from G (its shadow was fetched with the row's last synapse)
      if (p.roundingBits > 0) lfsr := lfsrAfterRow
      gradient.get := 0.S
      i := i + 1.U
      phase := Mux(lastI, sIdle, sFetch)
    }
  }
  when(!busy && in_start) {
    phase := sFetch
    i := 0.U
    j := 0.U
    synapse := 0.U
    rowBase := 0.U
    neuronBase := 0.U
    gradient.foreach(_ := 0.S)
    if (p.roundingBits > 0) lfsr := in_lfsrState
  }
  out_busy := busy
}
