package dev.spikeforge.hwgen

import chisel3._
import chisel3.util._
import dev.spikeforge.golden.spec.ReadoutMode
import dev.spikeforge.golden.spec.hw.HwCore
import scala.jdk.CollectionConverters._

/** One beat of the core's output stream: the decision of one sample. */
class OutBeat(predictionWidth: Int, outputs: Int, countWidth: Int) extends Bundle {
  /** The decided class (output neuron index). */
  val prediction = UInt(predictionWidth.W)
  /** Unique maximum (SPIKE_COUNT) or a single neuron reaching K first (FIRST_TO_FIRE). */
  val unique = Bool()
  /** Steps simulated: T, or t* + 1 after a FIRST_TO_FIRE decision at step t* (SimResult.decisionStep). */
  val decisionStep = UInt(HwCore.STEP_WIDTH.W)
  /** Output spike counts up to and including the decision step. */
  val counts = Vec(outputs, UInt(countWidth.W))
}

/** One beat of the trace port: one neuron group's update (docs/hardware.md, "Trace port"). */
class TraceBeat(core: HwCore) extends Bundle {
  val step = UInt(HwCore.STEP_WIDTH.W)
  val layer = UInt(core.layerWidth.W)
  /** Index of the neuron in lane 0: group · lanes of the layer. */
  val neuron = UInt(core.neuronWidth.W)
  /** Bit p: neuron + p fired (lanes beyond the layer's lanes or size are 0). */
  val spikes = UInt(core.traceLanes.W)
  /** Lane p's membrane after the reset, sign-extended, at bits [p·W, (p+1)·W), W = traceMembraneWidth. */
  val membranes = UInt((core.traceLanes * core.traceMembraneWidth).W)
}

/**
 * The time-multiplexed, event-driven, layer-serial neuron-array core (structure). Per sample it
 * clears all state, then for each step t: layer 0 consumes the step's input beats as they arrive,
 * each layer runs a neuron pass (and its recurrent delivery), layer l+1 consumes layer l's spike
 * list; after the last layer the [[ReadoutUnit]] decides (FIRST_TO_FIRE may stop the sample early,
 * after which the rest of the sample's input beats are consumed and discarded). Ports: see
 * docs/hardware.md.
 */
class SnnCore(core: HwCore) extends Module {
  override def desiredName: String = HwCore.TOP

  /** The three-factor learning unit of a three-factor core (a test's subclass may elaborate a mutant). */
  protected def threeFactorUnit(c: HwCore): ThreeFactorUnit = new ThreeFactorUnit(c)
  import HwLayout.bitsFor

  private val layers = core.layers.asScala.toSeq
  private val L = layers.size
  private val T = core.timesteps
  private val outputs = core.outputSize
  private val ftf = core.readoutMode == ReadoutMode.FIRST_TO_FIRE

  val in = IO(Flipped(Decoupled(new InBeat(core.indexWidth))))
  val out = IO(Decoupled(new OutBeat(core.predictionWidth, outputs, core.countWidth)))
  val trace = IO(Valid(new TraceBeat(core)))
  /**
   * The load port (docs/hardware.md, "Load port"): writes words of the initialised memories
   * between samples. A burst of beats ends with `last`; it is accepted only between samples (after
   * reset, after a sample's output, before the next sample's first input beat is taken), and the
   * core clears its state again after it. Only in a core that needs it ([[HwGen.hasLoadPort]]: some
   * weight memory is SPRAM); otherwise the core has no `load_*` pins and its memories are ROMs.
   */
  private val learn = Option(core.learning)
  /** The three-factor learning unit's spec, in a three-factor core (docs/hardware.md §7.2). */
  private val tfSpec = Option(core.threeFactorLearning)
  val load = if (HwGen.hasLoadPort(core)) Some(IO(Flipped(Decoupled(new LoadBeat(core))))) else None
  /**
   * Learning cores only (docs/hardware.md §7): a training command, accepted between samples, makes the
   * next sample a training sample (dropout, then the desire and update passes before its output beat).
   */
  val train = learn.map(ls => IO(Flipped(Decoupled(new TrainCmd(core, ls)))))
  /** Three-factor cores: the training command (label, LFSR start states), the port `train`. */
  val trainThreeFactor = tfSpec.map(ts => IO(Flipped(Decoupled(new ThreeFactorTrainCmd(core, ts)))).suggestName("train"))
  /**
   * Learning cores only: the core trains on the command it accepted last, from its acceptance to the
   * training sample's output beat. The core keeps no copy of the command: while `trainHold` is high the
   * sender holds `train_bits` (label, rate exponent, LFSR start states) as they were when it was taken
   * (the board's [[board.LearnFrameParser]] holds its frame register; a test harness changes them only
   * while `trainHold` is low).
   */
  val trainHold = if (core.learns) Some(IO(Output(Bool()))) else None
  /** Learning cores only: weight readback between samples, one word per request, answered a clock later on `peekData`. */
  val peek = if (core.learns) Some(IO(Flipped(Decoupled(new PeekReq(core))))) else None
  val peekData = if (core.learns) Some(IO(Valid(UInt(core.loadDataWidth.W)))) else None

  private val inQ = Queue(InputPacker.tag(in, core.inputSize, core.inputWordWidth), 2)
  private val packer = Module(new InputPacker(core.inputSize, core.indexWidth, core.inputWordWidth))
  private val engines = layers.indices.map { l =>
    val entryIndexWidth = if (l == 0) packer.entryIndexWidth else log2Ceil(layers(l - 1).groups)
    Module(new LayerEngine(core, l, entryIndexWidth))
  }
  engines.head.io.ffIn <> packer.io.out
  for (l <- 1 until L) { engines(l).io.ffIn <> engines(l - 1).io.listOut }
  engines.last.io.listOut.ready := false.B

  // a learning core has one more state (sLearn: the learning unit's passes after a training sample)
  private val states = Enum(if (core.learns) 9 else 8)
  private val sClear :: sFeedforward :: sNeuron :: sRecurrent :: sStepEnd :: sOut :: sDiscard :: sLoad :: _ = states
  private val sLearn = if (core.learns) states(8) else sOut
  private val state = RegInit(sClear)
  private val launched = RegInit(false.B)
  private val layer = RegInit(0.U(core.layerWidth.W))
  private val step = RegInit(0.U(HwCore.STEP_WIDTH.W))
  private val endOfSteps = RegInit(0.U(HwCore.STEP_WIDTH.W))
  private val counts = RegInit(VecInit(Seq.fill(outputs)(0.U(core.countWidth.W))))
  private val stepSpikes = RegInit(VecInit(Seq.fill(outputs)(false.B)))
  private val prediction = Reg(UInt(core.predictionWidth.W))
  private val unique = Reg(Bool())
  private val decisionStep = Reg(UInt(HwCore.STEP_WIDTH.W))

  private val discarding = state === sDiscard
  // The packer takes the beats of one step: up to and including its endOfStep beat, no further
  // (the next step's beats, or the next sample's after an early exit, stay in the queue).
  private val stepInputDone = RegInit(false.B)
  packer.io.active := state === sFeedforward && layer === 0.U && launched && !stepInputDone
  when(packer.io.endOfStep) { stepInputDone := true.B }
  packer.io.in.valid := inQ.valid && !discarding
  packer.io.in.bits := inQ.bits
  inQ.ready := Mux(discarding, true.B, packer.io.in.ready)
  // Whether the current sample has taken an input beat (a load burst may start only before that).
  private val sampleStarted = RegInit(false.B)
  when(inQ.fire && !discarding) { sampleStarted := true.B }
  when(packer.io.endOfStep || (discarding && inQ.fire && inQ.bits.endOfStep)) {
    endOfSteps := endOfSteps + 1.U
  }

  for (e <- engines) {
    e.io.start := false.B
    e.io.cmd := 0.U
    e.io.listRead := false.B
    e.io.advance := false.B
  }
  private val idleVec = VecInit(engines.map(_.io.idle))
  private val recurrentVec = VecInit(layers.map(h => h.recurrent.B))
  private def idle(l: UInt): Bool = if (L == 1) idleVec(0) else idleVec(l)
  private def recurrent(l: UInt): Bool = if (L == 1) recurrentVec(0) else recurrentVec(l)

  private def launch(cmd: UInt): Unit = {
    stepInputDone := false.B
    for (l <- 0 until L) {
      when(layer === l.U) {
        engines(l).io.start := true.B
        engines(l).io.cmd := cmd
        if (l > 0) { when(cmd === LayerCmd.Feedforward) { engines(l - 1).io.listRead := true.B } }
      }
    }
    launched := true.B
  }

  private def nextLayer(): Unit = {
    launched := false.B
    when(layer === (L - 1).U) {
      state := sStepEnd
    }.otherwise {
      layer := layer + 1.U
      state := sFeedforward
    }
  }

  // Output-layer spikes of this step: counts and the FIRST_TO_FIRE candidates.
  private val lastUpdate = engines.last.io.update
  private val lastLanes = layers.last.lanes
  when(lastUpdate.valid) {
    for (j <- 0 until outputs) {
      when(lastUpdate.bits.group === (j / lastLanes).U && lastUpdate.bits.spikes(j % lastLanes)) {
        counts(j) := counts(j) + 1.U
        stepSpikes(j) := true.B
      }
    }
  }

  // ---------------------------------------------------------------- learning unit (learning cores only)
  private val training = RegInit(false.B)
  private val learner = learn.map { ls =>
    val u = Module(new DesireLearner(core))
    // held by the sender while trainHold (the port contract above)
    val cmd = train.get.bits
    u.io.prepare := false.B
    u.io.load := false.B
    u.io.learn := false.B
    u.io.label := cmd.label
    u.io.rateExponent := cmd.rateExponent
    for (d <- u.io.dropoutState) d := cmd.dropoutState.get
    for (r <- u.io.roundingStates) r := cmd.roundingStates.get
    u.io.counts := counts
    for ((e, l) <- engines.zipWithIndex) {
      e.io.training.get := training
      e.io.step.get := step
      e.io.learnCtl.get := u.io.ctl(l)
      u.io.data(l) := e.io.learnData.get
    }
    (u, cmd)
  }
  private val tfUnit = tfSpec.map { ts =>
    val u = Module(threeFactorUnit(core))
    // held by the sender while trainHold (the port contract above)
    val cmd = trainThreeFactor.get.bits
    u.io.prepare := false.B
    u.io.learn := false.B
    u.io.training := training
    u.io.step := HwLayout.fit(step, u.io.step.getWidth) // step < T
    u.io.label := cmd.label
    for (f <- u.io.feedbackState) f := cmd.feedbackState.get
    for (r <- u.io.roundingStates) r := cmd.roundingStates.get
    u.io.counts := counts
    for ((e, l) <- engines.zipWithIndex) {
      u.io.engines(l) <> e.io.tf.get
      u.io.updates(l) := e.io.update
    }
    u
  }
  for (h <- trainHold) h := training
  private val learnerIdle = learner.map(_._1.io.idle).orElse(tfUnit.map(_.io.idle)).getOrElse(true.B)

  private val readout = Module(new ReadoutUnit(outputs, core.countWidth))
  readout.clock := clock
  readout.in_counts := counts
  readout.in_spiked := stepSpikes.asUInt
  readout.param_decision_count := core.decisionCount.U
  // The readout is pipelined: its outputs describe the counts of ReadoutUnit.Latency clocks ago.
  // `quiet` counts the clocks since its inputs last changed (an output-layer update, a new step,
  // a new sample), saturating, so a decision waits until the readout has seen the final counts.
  private val readoutTouched = WireDefault(lastUpdate.valid)
  private val quiet = RegInit(0.U(log2Ceil(ReadoutUnit.Latency + 1).W))
  when(readoutTouched) { quiet := 0.U }.elsewhen(quiet =/= ReadoutUnit.Latency.U) { quiet := quiet + 1.U }
  private val readoutSettled = quiet === ReadoutUnit.Latency.U

  switch(state) {
    is(sClear) {
      when(!launched) {
        engines.foreach { e =>
          e.io.start := true.B
          e.io.cmd := LayerCmd.Clear
        }
        launched := true.B
        counts.foreach(_ := 0.U)
        stepSpikes.foreach(_ := false.B)
        readoutTouched := true.B
        sampleStarted := false.B
        step := 0.U
        endOfSteps := 0.U
        for ((u, _) <- learner) { u.io.prepare := training }
        for (u <- tfUnit) { u.io.prepare := training }
      }.elsewhen(if (core.learns) idleVec.asUInt.andR && learnerIdle else idleVec.asUInt.andR) {
        launched := false.B
        layer := 0.U
        state := sFeedforward
      }
    }
    is(sFeedforward) {
      when(!launched) { launch(LayerCmd.Feedforward) }
        .elsewhen(idle(layer)) {
          launched := false.B
          state := sNeuron
        }
    }
    is(sNeuron) {
      when(!launched) { launch(LayerCmd.Neuron) }
        .elsewhen(idle(layer)) {
          when(recurrent(layer)) {
            launched := false.B
            state := sRecurrent
          }.otherwise { nextLayer() }
        }
    }
    is(sRecurrent) {
      when(!launched) { launch(LayerCmd.Recurrent) }
        .elsewhen(idle(layer)) { nextLayer() }
    }
    is(sStepEnd) {
      val decidedEarly = if (ftf) readout.out_first_valid else false.B
      when(!readoutSettled) {
        // wait for the readout pipeline
      }.elsewhen(decidedEarly) {
        prediction := readout.out_first
        unique := readout.out_first_unique
        decisionStep := step + 1.U
        state := sOut
      }.elsewhen(step === (T - 1).U) {
        prediction := readout.out_argmax
        unique := readout.out_unique_max
        decisionStep := T.U
        state := (if (core.learns) Mux(training, sLearn, sOut) else sOut)
      }.otherwise {
        step := step + 1.U
        engines.foreach(_.io.advance := true.B)
        stepSpikes.foreach(_ := false.B)
        readoutTouched := true.B
        layer := 0.U
        state := sFeedforward
      }
    }
    is(sOut) {
      when(out.fire) { state := Mux(endOfSteps === T.U, sClear, sDiscard) }
    }
    is(sDiscard) {
      when(inQ.fire && inQ.bits.endOfStep && endOfSteps === (T - 1).U) { state := sClear }
    }
  }

  private val betweenSamples = (state === sClear && !launched) ||
    (state === sFeedforward && layer === 0.U && step === 0.U && !sampleStarted && !inQ.valid)
  /** A load beat's registered write happens this clock (a readback must wait: same port). */
  private val loadWriting = WireDefault(false.B)
  for ((u, _) <- learner; tr <- train; pk <- peek; pd <- peekData) {
    tr.ready := betweenSamples && !training
    when(tr.fire) {
      u.io.load := true.B
      training := true.B
      // a fresh clear, which prepares the training sample (histories, dropout masks)
      launched := false.B
      state := sClear
    }
    u.io.peek.valid := pk.valid && betweenSamples && !loadWriting
    u.io.peek.bits := pk.bits
    pk.ready := u.io.peek.ready && betweenSamples && !loadWriting
    pd := u.io.peekData
  }

  for (u <- tfUnit; tr <- trainThreeFactor; pk <- peek; pd <- peekData) {
    tr.ready := betweenSamples && !training
    when(tr.fire) {
      training := true.B
      // a fresh clear, which prepares the training sample (the input-spike histories)
      launched := false.B
      state := sClear
    }
    u.io.peek.valid := pk.valid && betweenSamples && !loadWriting
    u.io.peek.bits := pk.bits
    pk.ready := u.io.peek.ready && betweenSamples && !loadWriting
    pd := u.io.peekData
  }
  for (u <- tfUnit) {
    when(state === sLearn) {
      when(!launched) {
        u.io.learn := true.B
        launched := true.B
      }.elsewhen(learnerIdle) {
        launched := false.B
        state := sOut
      }
    }
    when(state === sOut && out.fire) { training := false.B }
  }

  // the learning unit's passes after a training sample's last step, before its output beat
  for ((u, _) <- learner) {
    when(state === sLearn) {
      when(!launched) {
        u.io.learn := true.B
        launched := true.B
      }.elsewhen(learnerIdle) {
        launched := false.B
        state := sOut
      }
    }
    when(state === sOut && out.fire) { training := false.B }
  }

  // ---------------------------------------------------------------- load port
  for (ld <- load) {
    ld.ready := state === sLoad || betweenSamples
    when(ld.fire) {
      // overrides the scheduler's transition of this clock; the burst ends with a fresh clear
      launched := false.B
      state := Mux(ld.bits.last, sClear, sLoad)
    }
    val loadWrite = Wire(Valid(LoadWrite(core)))
    loadWrite.valid := ld.fire
    loadWrite.bits.memory := ld.bits.memory
    loadWrite.bits.address := ld.bits.address
    loadWrite.bits.data := ld.bits.data
    val loadReg = RegNext(loadWrite, 0.U.asTypeOf(loadWrite))
    loadWriting := loadReg.valid
    for (u <- tfUnit) {
      u.io.load.valid := loadReg.valid && !reset.asBool
      u.io.load.bits.memory := loadReg.bits.memory
      u.io.load.bits.address := HwLayout.fit(loadReg.bits.address, u.io.load.bits.address.getWidth)
      u.io.load.bits.data := HwLayout.fit(loadReg.bits.data, u.io.load.bits.data.getWidth)
    }
    for (el <- engines.map(_.io.load.get)) {
      // gated by reset: before the first clock edge loadReg holds whatever the flip-flops start with
      // (random in Verilator), and a write then would overwrite images loaded by $readmemh
      el.valid := loadReg.valid && !reset.asBool
      el.bits.memory := loadReg.bits.memory
      el.bits.address := HwLayout.fit(loadReg.bits.address, el.bits.address.getWidth)
      el.bits.data := HwLayout.fit(loadReg.bits.data, el.bits.data.getWidth)
    }
  }

  out.valid := state === sOut
  out.bits.prediction := prediction
  out.bits.unique := unique
  out.bits.decisionStep := decisionStep
  out.bits.counts := counts

  // Trace: the active layer's group update, registered.
  private val traceW = core.traceMembraneWidth
  private val traceLanes = core.traceLanes
  private val traceValid = RegInit(false.B)
  private val traceBits = Reg(new TraceBeat(core))
  traceValid := engines.map(_.io.update.valid).reduce(_ || _)
  for ((e, l) <- engines.zipWithIndex) {
    val h = layers(l)
    when(e.io.update.valid) {
      traceBits.step := step
      traceBits.layer := l.U
      traceBits.neuron := HwLayout.fit(e.io.update.bits.group * h.lanes.U, core.neuronWidth)
      traceBits.spikes := e.io.update.bits.spikes.pad(traceLanes)
      traceBits.membranes := VecInit(Seq.tabulate(traceLanes) { p =>
        if (p < h.lanes) e.io.update.bits.membranes(p).pad(traceW).asUInt else 0.U(traceW.W)
      }).asUInt
    }
  }
  trace.valid := traceValid
  trace.bits := traceBits
}
