package dev.spikeforge.hwgen

import chisel3._
import chisel3.util._
import dev.spikeforge.golden.spec.hw.{DelayMode, HwCore, HwThreeFactorLearning, HwWordLayout, MemoryRole}
import scala.jdk.CollectionConverters._

/**
 * What a [[LayerEngine]] of a three-factor core exchanges with the [[ThreeFactorUnit]] (engine side): the
 * forward pass's reads of the layer's synapses, answered the clock after the read with the forward values the
 * unit derives from the shadow words (the word `row · G + g` in the inference core's lane layout, and with AXONAL
 * delays the input's forward delay); a recurrent layer's reads of its recurrent synapses likewise (the word
 * `k · G + g` of the inference core's recurrent layout, from the walk's recurrent rows); the delivered input events
 * (layer 0's presynaptic spikes); the surrogate code of lane 0's neuron beside the neuron pass's `update`; and the
 * layer's leak shift k.
 */
class EngineThreeFactorPort(core: HwCore, l: Int) extends Bundle {
  private val h = core.layers.get(l)
  private val spec: HwThreeFactorLearning = core.threeFactorLearning
  private val ff = h.feedforward
  val ffRead = Output(Bool())
  val ffAddr = Output(UInt(HwLayout.bitsFor(ff.depth).W))
  val ffWord = Input(UInt((ff.laneWord.width * h.lanes).W))
  val axRead = if (h.delayMode == DelayMode.AXONAL) Some(Output(Bool())) else None
  val axAddr = if (h.delayMode == DelayMode.AXONAL) Some(Output(UInt(HwLayout.bitsFor(h.inputSize).W))) else None
  val axWord = if (h.delayMode == DelayMode.AXONAL) Some(Input(UInt(h.delayWidth.W))) else None
  private val rec = Option(h.recurrentSynapses)
  /** A recurrent layer's read of its recurrent word `k · G + g` (presynaptic hidden neuron k). */
  val recRead = rec.map(_ => Output(Bool()))
  val recAddr = rec.map(r => Output(UInt(HwLayout.bitsFor(r.depth).W)))
  /** The recurrent word in the inference core's layout (forward weight, and with recurrent delays the forward delay). */
  val recWord = rec.map(r => Input(UInt((r.laneWord.width * h.lanes).W)))
  /** A delivered feedforward event (S1) of input row `bits`, once per event. */
  val event = Output(Valid(UInt(HwLayout.bitsFor(math.max(2, ff.rows)).W)))
  /** `SurrogateLut.code(v2 − θ)` of lane 0's neuron, valid with the engine's `update`. */
  val code = Output(UInt(spec.psiCodeWidth.W))
  val leakShift = Output(UInt(h.leakShiftWidth.W))
}

/**
 * The three-factor (e-prop) learning unit of a learning core (docs/hardware.md §7.2; docs/learning.md Part II
 * §9): the hidden and output layers' update walks ([[ThreeFactorLayerLearner]]), which hold the layers' shadow
 * weights and delays, and the [[ThreeFactorErrorStage]].
 *
 * **The core reads the shadow memories.** The forward pass of each layer reads its synapses' shadow words from
 * the learner's memories (`EngineThreeFactorPort.ffRead`, and a recurrent hidden layer's recurrent synapses,
 * `recRead`, from the walk's recurrent rows) and derives the forward weight `sat_B(shr^HALF_UP_F_w(w̃))`
 * and delay `shr^HALF_UP_F_d(d̃)` from them, as the trainer does: one copy of every learned value, no write-back
 * pass (which would cost a second memory of forward words and n·m more clocks per sample). With one lane per
 * layer (the unit's requirement) the learner's synapse address `i·m + j` is the core's word `i·G + g`, and a
 * recurrent synapse (k → j) at `(n + k)·m + j` is the recurrent memory's word `k·G + g` plus n·m.
 *
 * During a training sample it records, in the learners' memories, every presynaptic spike (layer 0's
 * delivered input events, the hidden layer's spikes of every neuron and step: for the output layer's walk and, in a
 * recurrent hidden layer, its own recurrent rows n + k) and every neuron's surrogate code
 * of every step. `prepare` (before a training sample) zeroes the n·T input-spike bits (the hidden spikes and the
 * codes are written for every neuron and step). `learn` (after the sample's last step) runs the error stage
 * (δ, L with the output weights the sample ran with), then both walks at once (each layer its own LFSR stream).
 * Between samples the core's load port writes the shadow words (`load`, the feedforward, axonal and recurrent
 * memories of `HwCore.memories()`) and `peek` reads them back, packed as the memory images are.
 */
class ThreeFactorUnit(core: HwCore) extends Module {
  override def desiredName: String = "ThreeFactorUnit" + variant

  /** A suffix of the module name for a subclass that changes the unit (a test's mutant). */
  protected def variant: String = ""

  /** The step a delivered input spike is recorded at: the sample's step t (a mutant may record another). */
  protected def inputSpikeStep(step: UInt): UInt = step

  /** The step a recurrent hidden layer's own spike is recorded at (rows n + k): t (a mutant may record another). */
  protected def hiddenSpikeStep(step: UInt): UInt = step

  private val spec: HwThreeFactorLearning = core.threeFactorLearning
  require(spec != null, "a three-factor unit needs a core with a three-factor learning spec")
  private val layers = core.layers
  for (l <- 0 until 2) {
    require(layers.get(l).lanes == 1, s"layers[$l] has ${layers.get(l).lanes} lanes; the three-factor unit's walk" +
      " addresses one synapse per word: compile with --lanes 1")
  }
  private val T = core.timesteps
  private val hid = layers.get(0)
  private val out = layers.get(1)
  private val C = out.size
  /** The memories of `HwCore.memories()` whose words the unit holds: the feedforward, axonal and recurrent ones. */
  private val held = core.memories.asScala.toSeq.filter(m =>
    m.role == MemoryRole.FEEDFORWARD || m.role == MemoryRole.AXONAL || m.role == MemoryRole.RECURRENT)
  private val pH = LayerLearnerParams.hidden(spec, core)
  private val pO = LayerLearnerParams.output(spec, core)
  private val learners = Seq(Module(new ThreeFactorLayerLearner(pH)), Module(new ThreeFactorLayerLearner(pO)))
  private val stage = Module(new ThreeFactorErrorStage(ErrorStageParams.of(spec, core)))

  val io = IO(new Bundle {
    val prepare = Input(Bool())
    val learn = Input(Bool())
    val idle = Output(Bool())
    val training = Input(Bool())
    val step = Input(UInt(HwLayout.bitsFor(T).W))
    val label = Input(UInt(core.predictionWidth.W))
    val counts = Input(Vec(C, UInt(core.countWidth.W)))
    val feedbackState = if (spec.randomFeedback) Some(Input(UInt(HwLfsr.Width.W))) else None
    val roundingStates = if (spec.roundingBits > 0) Some(Input(Vec(2, UInt(HwLfsr.Width.W)))) else None
    val engines = MixedVec(Seq.tabulate(2)(l => Flipped(new EngineThreeFactorPort(core, l))))
    val updates = Input(MixedVec(Seq.tabulate(2)(l =>
      Valid(new GroupUpdate(HwLayout.bitsFor(layers.get(l).groups), 1, layers.get(l).membraneWidth)))))
    val load = Input(Valid(new LoadWrite(core.loadMemoryWidth, held.map(m => HwLayout.bitsFor(m.depth)).max,
      held.map(_.width).max)))
    val peek = Flipped(Decoupled(new PeekReq(core)))
    val peekData = Valid(UInt(core.loadDataWidth.W))
  })

  private def w(x: UInt, width: Int): UInt = HwLayout.fit(x, width)
  private val ffIndex = Seq.tabulate(2)(l => core.loadIndex(core.memory(l, MemoryRole.FEEDFORWARD)))
  private val axIndex = if (hid.delayMode == DelayMode.AXONAL) Some(core.loadIndex(core.memory(0, MemoryRole.AXONAL))) else None
  /** A recurrent hidden layer's recurrent memory's load index. */
  private val recIndex = if (hid.recurrent) Some(core.loadIndex(core.memory(0, MemoryRole.RECURRENT))) else None
  /** The learner address of the hidden layer's first recurrent synapse: after the n·m feedforward ones. */
  private val recBase = hid.inputSize * hid.size
  /**
   * Words of the recurrent memory that hold synapses (k·G + g, k < m). A one-neuron layer's memory has more (the
   * `HwCore.MIN_DEPTH` words of any memory): a load of its padding word is dropped and a readback of it reads 0, since
   * the learner has no row for it (its address n·m + 1 would land past the learner's rows or, wrapped, on a
   * feedforward synapse).
   */
  private val recWords = hid.size * hid.groups
  private val recPadded = hid.recurrent && core.memory(0, MemoryRole.RECURRENT).depth > recWords
  /** Whether a recurrent memory address is a synapse's (always, unless the memory is padded). */
  private def recSynapse(address: UInt): Bool = if (recPadded) address < recWords.U else true.B

  // ---------------------------------------------------------------- sequencer
  private val sIdle :: sClear :: sErrorStart :: sError :: sWalkStart :: sWalk :: Nil = Enum(6)
  private val state = RegInit(sIdle)
  private val clearWords = hid.inputSize * T
  private val clearAddr = RegInit(0.U(log2Ceil(clearWords + 1).W))
  io.idle := state === sIdle
  switch(state) {
    is(sIdle) {
      when(io.prepare) {
        clearAddr := 0.U
        state := sClear
      }.elsewhen(io.learn) { state := sErrorStart }
    }
    is(sClear) {
      clearAddr := clearAddr + 1.U
      when(clearAddr === (clearWords - 1).U) { state := sIdle }
    }
    is(sErrorStart) { state := sError }
    is(sError) { when(!stage.out_busy) { state := sWalkStart } }
    is(sWalkStart) { state := sWalk }
    is(sWalk) { when(!learners.map(_.out_busy).reduce(_ || _)) { state := sIdle } }
  }

  // ---------------------------------------------------------------- error stage
  stage.in_start := state === sErrorStart
  stage.in_label := w(io.label, stage.in_label.getWidth)
  stage.in_counts := io.counts
  for (f <- stage.in_feedbackState) f := io.feedbackState.get
  private val errorRead = stage.out_weightRead
  private val errorAddr = w(stage.out_weightRow * C.U +& stage.out_weightNeuron, learners(1).in_weightAddr.getWidth)
  for (iw <- stage.in_weight) iw := HwDesire.forwardWeight(learners(1).out_weight, spec.weightFracBits, out.weightWidth)
  learners(1).in_signalWrite := stage.out_errorWrite
  learners(1).in_signalAddr := w(stage.out_errorAddr, learners(1).in_signalAddr.getWidth)
  learners(1).in_signalData := stage.out_errorData
  learners(0).in_signalWrite := stage.out_signalWrite
  learners(0).in_signalAddr := w(stage.out_signalAddr, learners(0).in_signalAddr.getWidth)
  learners(0).in_signalData := stage.out_signalData

  // ---------------------------------------------------------------- what the forward pass records
  private val e0 = io.engines(0)
  private val e1 = io.engines(1)
  private def at(row: UInt, width: Int): UInt = w(row * T.U +& io.step, width)
  private def atInput(row: UInt, width: Int): UInt = w(row * T.U +& inputSpikeStep(io.step), width)
  private val h0 = learners(0)
  private val clearing = state === sClear
  h0.in_histWrite := clearing || (io.training && e0.event.valid)
  h0.in_histAddr := Mux(clearing, w(clearAddr, h0.in_histAddr.getWidth), atInput(e0.event.bits, h0.in_histAddr.getWidth))
  h0.in_histData := !clearing
  if (hid.recurrent) {
    // a recurrent hidden layer's own spikes p_k[t]: row n + k of its walk, at (n + k)·T + t (the neuron pass that
    // writes them never overlaps the feedforward pass's input events, nor the clear before the sample)
    val hiddenSpike = io.training && io.updates(0).valid
    when(hiddenSpike) {
      h0.in_histWrite := true.B
      h0.in_histAddr := w((hid.inputSize.U +& io.updates(0).bits.group) * T.U +& hiddenSpikeStep(io.step),
        h0.in_histAddr.getWidth)
      h0.in_histData := io.updates(0).bits.spikes(0)
    }
  }
  h0.in_codeWrite := io.training && io.updates(0).valid
  h0.in_codeAddr := at(io.updates(0).bits.group, h0.in_codeAddr.getWidth)
  h0.in_codeData := e0.code
  private val h1 = learners(1)
  h1.in_histWrite := io.training && io.updates(0).valid
  h1.in_histAddr := at(io.updates(0).bits.group, h1.in_histAddr.getWidth)
  h1.in_histData := io.updates(0).bits.spikes(0)
  h1.in_codeWrite := io.training && io.updates(1).valid
  h1.in_codeAddr := at(io.updates(1).bits.group, h1.in_codeAddr.getWidth)
  h1.in_codeData := io.engines(1).code

  // ---------------------------------------------------------------- walks
  for ((u, l) <- learners.zipWithIndex) {
    u.in_start := state === sWalkStart
    u.in_lfsrState := io.roundingStates.map(_(l)).getOrElse(0.U)
    u.in_leakShift := w(io.engines(l).leakShift, u.in_leakShift.getWidth)
  }

  // ---------------------------------------------------------------- shadow memories: forward reads, load, peek
  private val ld = io.load
  io.peek.ready := true.B
  private val peekFire = io.peek.fire
  private def lanes(l: Int) = spec.learningSynapses(layers.get(l)).laneWord
  /** The recurrent shadow layout of a recurrent hidden layer. */
  private val recLanes0: Option[HwWordLayout] =
    if (hid.recurrent) Some(spec.learningRecurrentSynapses(hid).laneWord) else None
  private def recLanes: HwWordLayout = recLanes0.get
  /** The packed shadow word in `layout` (weight, and a delay field if it has one) from layer l's learner outputs. */
  private def packedIn(l: Int, layout: HwWordLayout): UInt = {
    val u = learners(l)
    val wf = layout.field("weight")
    val weight = (u.out_weight.asUInt.pad(layout.width) << wf.offset)(layout.width - 1, 0)
    val delay = u.delayPorts match {
      case Some(d) if layout.has("delay") =>
        val df = layout.field("delay")
        (d.out.pad(layout.width) << df.offset)(layout.width - 1, 0)
      case _ => 0.U(layout.width.W)
    }
    weight | delay
  }
  /** The packed lane word of layer l from its learner's outputs (the clock after a read). */
  private def packed(l: Int): UInt = packedIn(l, lanes(l))
  /**
   * A forward lane word in the inference core's `layout` from layer l's learner outputs: the forward weight
   * `sat_B(shr^HALF_UP_F_w(w̃))` and, if the layout has a delay field, the forward delay `shr^HALF_UP_F_d(d̃)`, as the
   * trainer derives them (the walk derives the same from the words it fetches).
   */
  private def forwardIn(l: Int, layout: HwWordLayout): UInt = {
    val h = layers.get(l)
    val u = learners(l)
    val wf = layout.field("weight")
    val weight = HwDesire.forwardWeight(u.out_weight, spec.weightFracBits, h.weightWidth).asUInt
    val wPart = (weight.pad(layout.width) << wf.offset)(layout.width - 1, 0)
    val dPart = u.delayPorts match {
      case Some(d) if layout.has("delay") =>
        val df = layout.field("delay")
        (HwThreeFactor.forwardDelay(d.out, spec.delayFracBits, df.width).pad(layout.width) << df.offset)(
          layout.width - 1, 0)
      case _ => 0.U(layout.width.W)
    }
    wPart | dPart
  }
  /** The forward feedforward lane word of layer l (with SYNAPTIC delays its delay field). */
  private def forwardWord(l: Int): UInt = forwardIn(l, layers.get(l).feedforward.laneWord)
  for (l <- 0 until 2) {
    val u = learners(l)
    val e = io.engines(l)
    val layout = lanes(l)
    val aw = u.in_weightAddr.getWidth
    val loadFf = ld.valid && ld.bits.memory === ffIndex(l).U
    val peekFf = peekFire && io.peek.bits.memory === ffIndex(l).U
    val readByStage = if (l == 1) errorRead else false.B
    // a recurrent hidden layer: its recurrent memory's words are the learner's synapses n·m + (k·G + g)
    val rec = if (l == 0) recIndex else None
    val loadRec = rec.map(i => ld.valid && ld.bits.memory === i.U && recSynapse(ld.bits.address)).getOrElse(false.B)
    val peekRec = rec.map(i => peekFire && io.peek.bits.memory === i.U && recSynapse(io.peek.bits.address))
      .getOrElse(false.B)
    val recRead = e.recRead.map(r => r || peekRec).getOrElse(false.B)
    val recAddr = rec.map(_ => recBase.U +& Mux(loadRec, ld.bits.address, Mux(peekRec, io.peek.bits.address,
      e.recAddr.get)))
    u.in_weightWrite := loadFf || loadRec
    u.in_weightRead := e.ffRead || peekFf || readByStage || recRead
    val ffAddr = Mux(loadFf, w(ld.bits.address, aw), Mux(peekFf, w(io.peek.bits.address, aw),
      Mux(readByStage, errorAddr, w(e.ffAddr, aw))))
    val addr = recAddr.map(ra => Mux(loadRec || recRead, w(ra, aw), ffAddr)).getOrElse(ffAddr)
    u.in_weightAddr := addr
    val ffData = HwLayout.field(w(ld.bits.data, layout.width), layout, "weight").asSInt
    u.in_weightData := (if (rec.isDefined) Mux(loadRec, HwLayout.field(w(ld.bits.data, recLanes.width), recLanes,
      "weight").asSInt, ffData) else ffData)
    e.ffWord := forwardWord(l)
    for (r <- e.recWord) r := forwardIn(l, hid.recurrentSynapses.laneWord)
    for (d <- u.delayPorts) {
      val dw = d.addr.getWidth
      layers.get(l).delayMode match {
        case DelayMode.SYNAPTIC =>
          // recurrent delays (a recurrent SYNAPTIC layer learns them) share the address of their weights
          val loadRecDelay = if (recLanes0.exists(_.has("delay"))) loadRec else false.B
          d.write := loadFf || loadRecDelay
          d.read := e.ffRead || peekFf || recRead
          d.addr := w(addr, dw)
          val ffDelay = HwLayout.field(w(ld.bits.data, layout.width), layout, "delay")
          d.data := (if (recLanes0.exists(_.has("delay"))) Mux(loadRec, w(HwLayout.field(w(ld.bits.data,
            recLanes.width), recLanes, "delay"), d.data.getWidth), w(ffDelay, d.data.getWidth)) else ffDelay)
        case _ => // AXONAL: the input's shadow delay in the axonal memory
          val loadAx = ld.valid && ld.bits.memory === axIndex.get.U
          val peekAx = peekFire && io.peek.bits.memory === axIndex.get.U
          d.write := loadAx
          d.read := e.axRead.get || peekAx
          d.addr := Mux(loadAx, w(ld.bits.address, dw), Mux(peekAx, w(io.peek.bits.address, dw), w(e.axAddr.get, dw)))
          d.data := w(ld.bits.data, d.data.getWidth)
          e.axWord.get := HwThreeFactor.forwardDelay(d.out, spec.delayFracBits, hid.delayWidth)
      }
    }
  }
  // a readback answers the clock after its request; a memory the unit does not hold reads 0
  private val peekMemory = RegNext(io.peek.bits.memory)
  io.peekData.valid := RegNext(peekFire, false.B)
  private val dataW = core.loadDataWidth
  private val answers = Seq.tabulate(2)(l => (ffIndex(l), w(packed(l), dataW))) ++
    axIndex.map(i => (i, w(learners(0).delayPorts.get.out, dataW))) ++
    recIndex.map(i => (i, w(packedIn(0, recLanes), dataW)))
  io.peekData.bits := Mux(io.peekData.valid, MuxLookup(peekMemory, 0.U(dataW.W))(answers.map { case (i, v) => i.U -> v }),
    0.U)
}

/** One training command of a three-factor core: the label, and the LFSR start states the unit draws from. */
class ThreeFactorTrainCmd(core: HwCore, spec: HwThreeFactorLearning) extends Bundle {
  val label = UInt(core.predictionWidth.W)
  /** `Lfsr.seeded(seed, RandomFeedback.STREAM)`'s state, a constant of the trained network; random feedback only. */
  val feedbackState = if (spec.randomFeedback) Some(UInt(HwLfsr.Width.W)) else None
  /** Layer l's rounding stream's start state, `Lfsr.seeded(seed, UpdateRounding.stream(l, e, p))`; K > 0 only. */
  val roundingStates = if (spec.roundingBits > 0) Some(Vec(2, UInt(HwLfsr.Width.W))) else None
}
