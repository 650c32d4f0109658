package dev.spikeforge.hwgen.board

import chisel3._
import chisel3.util._
import java.util.{List => JList}
import scala.jdk.CollectionConverters._

/**
 * The learning unit's side of a core's stream interface (a learning core: `SnnCore` of an `HwCore` with a
 * learning unit): its `train` port and its weight readback (`peek` request, `peekData` one clock later), both
 * taken between samples.
 *
 * Two units have a `train` port, with different fields (the bundle [[CoreTrainCmd]] and the TRAIN frame,
 * `LinkProtocol.train`, are both built from these flags):
 *  - the desire unit (`DesireLearner`, SnnCore `TrainCmd`): label, learning-rate exponent, the dropout LFSR's
 *    start state (a core with dropout), the per-layer rounding LFSR start states (K > 0);
 *  - the three-factor unit (`ThreeFactorUnit`, SnnCore `ThreeFactorTrainCmd`; `rateExponentWidth` 0: no rate
 *    register): label, the random-feedback stream's LFSR state (random feedback only) and the per-layer
 *    rounding LFSR start states (K > 0).
 *
 * @param layers            layers the unit learns: one stochastic-rounding LFSR state each in a training command
 * @param rateExponentWidth bits of the learning-rate exponent register s (1..8); 0 for the three-factor unit,
 *                          which has none
 * @param weightMemories    per layer, the load index of its feedforward weight memory (what `peek` reads)
 * @param weightDepths      per layer, the words of that memory
 * @param dropoutState      the core's training command has the dropout LFSR's state (a desire core with dropout)
 * @param roundingStates    it has the per-layer stochastic-rounding LFSR states (a core with K > 0)
 * @param feedbackState     it has the random-feedback LFSR state (a three-factor core with random feedback)
 */
final case class CoreLearnParams(layers: Int, rateExponentWidth: Int, weightMemories: JList[Integer],
    weightDepths: JList[Integer], dropoutState: Boolean, roundingStates: Boolean, feedbackState: Boolean) {
  /** A desire unit's ports (no feedback state). */
  def this(layers: Int, rateExponentWidth: Int, weightMemories: JList[Integer], weightDepths: JList[Integer],
      dropoutState: Boolean, roundingStates: Boolean) =
    this(layers, rateExponentWidth, weightMemories, weightDepths, dropoutState, roundingStates, false)

  /** A desire unit with dropout and stochastic rounding. */
  def this(layers: Int, rateExponentWidth: Int, weightMemories: JList[Integer], weightDepths: JList[Integer]) =
    this(layers, rateExponentWidth, weightMemories, weightDepths, true, true, false)

  require(layers >= 1 && layers <= 255, s"layers must be in 1..255, got $layers")
  require(rateExponentWidth >= 0 && rateExponentWidth <= 8,
    s"rateExponentWidth must be in 1..8 (desire) or 0 (three-factor), got $rateExponentWidth")
  require(!(threeFactor && dropoutState), "a three-factor unit (rateExponentWidth 0) draws no dropout masks")
  require(!(feedbackState && !threeFactor), "only a three-factor unit (rateExponentWidth 0) has a feedback state")
  require(weightMemories != null && weightMemories.size == layers,
    s"weightMemories must hold one load index per layer ($layers), got $weightMemories")
  require(weightDepths != null && weightDepths.size == layers,
    s"weightDepths must hold one depth per layer ($layers), got $weightDepths")
  require(weightDepths.asScala.forall(d => d >= 1 && d <= 65536), s"weightDepths must be in 1..65536, got $weightDepths")

  /** The three-factor unit (no learning-rate register), rather than the desire unit. */
  def threeFactor: Boolean = rateExponentWidth == 0

  /** Load index of layer l's weight memory. */
  def memory(l: Int): Int = weightMemories.get(l)

  /** Words of layer l's weight memory. */
  def depth(l: Int): Int = weightDepths.get(l)
}

object CoreLearnParams {
  /** The three-factor unit's ports (SnnCore `ThreeFactorTrainCmd`): no rate register, no dropout. */
  def ofThreeFactor(layers: Int, weightMemories: JList[Integer], weightDepths: JList[Integer], feedbackState: Boolean,
      roundingStates: Boolean): CoreLearnParams =
    CoreLearnParams(layers, 0, weightMemories, weightDepths, false, roundingStates, feedbackState)
}

/**
 * Widths of an `SnnCore`'s trace port (docs/hardware.md, "Trace port"), which a board top leaves
 * unconnected but declares, so that the core's instance has every pin (Verilator's PINMISSING).
 *
 * @param layerWidth    bits of `trace_bits_layer`
 * @param neuronWidth   bits of `trace_bits_neuron`
 * @param lanes         bits of `trace_bits_spikes` (the core's trace lanes)
 * @param membraneWidth bits of one lane's membrane in `trace_bits_membranes`
 */
final case class CoreTraceParams(layerWidth: Int, neuronWidth: Int, lanes: Int, membraneWidth: Int) {
  require(layerWidth >= 1 && neuronWidth >= 1 && lanes >= 1 && membraneWidth >= 1,
    s"trace widths must be >= 1, got $this")
}

/** The trace port's beat (SnnCore `TraceBeat`). */
class CoreTraceBeat(t: CoreTraceParams) extends Bundle {
  val step = UInt(CoreStreamParams.DecisionStepWidth.W)
  val layer = UInt(t.layerWidth.W)
  val neuron = UInt(t.neuronWidth.W)
  val spikes = UInt(t.lanes.W)
  val membranes = UInt((t.lanes * t.membraneWidth).W)
}

/**
 * Widths of the stream interface between a board top-level and an SNN core.
 *
 * @param indexWidth width of an input spike's index, 1..16 (index bytes on the link: 1 or 2)
 * @param inputs     number of input channels, 1..2^indexWidth (indices 0..inputs-1)
 * @param outputs    number of output neurons (classes), 1..65535
 * @param countWidth width of each output spike count, 1..32
 * @param loadMemories memories behind the core's load port (0: the core has no load port)
 * @param loadAddressWidth bits of a load address (0 without a load port)
 * @param loadDataWidth bits of a load word (0 without a load port)
 * @param learning the learning unit's ports (`train`, `peek`, `peekData`; a learning core always has a
 *                 load port), or None for an inference-only core
 * @param trace    the core's trace port, declared (and left unconnected) by the board top; None for a core
 *                 without one (test fixtures)
 */
final case class CoreStreamParams(indexWidth: Int, inputs: Int, outputs: Int, countWidth: Int, loadMemories: Int,
    loadAddressWidth: Int, loadDataWidth: Int, learning: Option[CoreLearnParams], trace: Option[CoreTraceParams]) {
  def this(indexWidth: Int, inputs: Int, outputs: Int, countWidth: Int, loadMemories: Int, loadAddressWidth: Int,
      loadDataWidth: Int, learning: Option[CoreLearnParams]) = this(indexWidth, inputs, outputs, countWidth,
    loadMemories, loadAddressWidth, loadDataWidth, learning, None)

  /** These widths with the core's trace port declared. */
  def withTrace(t: CoreTraceParams): CoreStreamParams = copy(trace = Some(t))

  /** A core without a load port. */
  def this(indexWidth: Int, inputs: Int, outputs: Int, countWidth: Int) =
    this(indexWidth, inputs, outputs, countWidth, 0, 0, 0, None)

  /** An inference-only core, with a load port unless `loadMemories` is 0. */
  def this(indexWidth: Int, inputs: Int, outputs: Int, countWidth: Int, loadMemories: Int, loadAddressWidth: Int,
      loadDataWidth: Int) = this(indexWidth, inputs, outputs, countWidth, loadMemories, loadAddressWidth,
    loadDataWidth, None)

  /** A learning core (`learning` non-null), or an inference-only one (null). */
  def this(indexWidth: Int, inputs: Int, outputs: Int, countWidth: Int, loadMemories: Int, loadAddressWidth: Int,
      loadDataWidth: Int, learning: CoreLearnParams) = this(indexWidth, inputs, outputs, countWidth, loadMemories,
    loadAddressWidth, loadDataWidth, Option(learning))

  require(learning != null, "learning must be None or Some")
  require(trace != null, "trace must be None or Some")
  require(loadMemories >= 0 && loadMemories <= 255, s"loadMemories must be in 0..255, got $loadMemories")
  require(loadMemories == 0 || (loadAddressWidth >= 1 && loadAddressWidth <= 16),
    s"loadAddressWidth must be in 1..16 with a load port, got $loadAddressWidth")
  require(loadMemories == 0 || (loadDataWidth >= 1 && loadDataWidth <= 2048),
    s"loadDataWidth must be in 1..2048 with a load port, got $loadDataWidth")
  learning.foreach { ln =>
    require(loadMemories > 0, "a learning core has a load port (its weight readback uses the load port's widths)")
    for (l <- 0 until ln.layers) {
      require(ln.memory(l) >= 0 && ln.memory(l) < loadMemories,
        s"learning.weightMemories[$l] = ${ln.memory(l)} is not one of the $loadMemories load memories")
      require(ln.depth(l) <= (1 << loadAddressWidth),
        s"learning.weightDepths[$l] = ${ln.depth(l)} does not fit the $loadAddressWidth-bit load address")
    }
  }

  /** Whether the core has a load port. */
  def hasLoad: Boolean = loadMemories > 0

  /** Whether the core has the learning unit's ports. */
  def learns: Boolean = learning.isDefined

  /** Layers the learning unit learns (0: an inference-only core). */
  def learnLayers: Int = learning.map(_.layers).getOrElse(0)

  /** Bits of the load port's memory number. */
  def loadMemoryWidth: Int = math.max(1, log2Ceil(loadMemories))
  require(indexWidth >= 1 && indexWidth <= 16, s"indexWidth must be in 1..16, got $indexWidth")
  require(inputs >= 1 && inputs.toLong <= (1L << indexWidth),
    s"inputs must be in 1..${1L << indexWidth} for indexWidth $indexWidth, got $inputs")
  require(outputs >= 1 && outputs <= 65535, s"outputs must be in 1..65535, got $outputs")
  require(countWidth >= 1 && countWidth <= 32, s"countWidth must be in 1..32, got $countWidth")

  /** Width of `prediction`: enough for outputs-1, at least 1. */
  def predictionWidth: Int = math.max(1, log2Ceil(outputs))

  /** Width of `decisionStep` (fixed by the interface). */
  def decisionStepWidth: Int = CoreStreamParams.DecisionStepWidth
}

object CoreStreamParams {
  val DecisionStepWidth = 16
  /** Bits of an LFSR state (`numerics.Lfsr.WIDTH`). */
  val LfsrWidth: Int = dev.spikeforge.golden.numerics.Lfsr.WIDTH

  def apply(indexWidth: Int, inputs: Int, outputs: Int, countWidth: Int): CoreStreamParams =
    new CoreStreamParams(indexWidth, inputs, outputs, countWidth)
}

/** One beat of the core's load port (SnnCore `LoadBeat`): a word of memory `memory`; `last` ends the burst. */
class CoreLoadBeat(p: CoreStreamParams) extends Bundle {
  val memory = UInt(p.loadMemoryWidth.W)
  val address = UInt(p.loadAddressWidth.W)
  val data = UInt(p.loadDataWidth.W)
  val last = Bool()
}

/**
 * A training command: SnnCore `TrainCmd` of a desire core (label, learning-rate exponent s(e), the sample's
 * LFSR start states) or `ThreeFactorTrainCmd` of a three-factor core (label, feedback state, rounding states).
 */
class CoreTrainCmd(p: CoreStreamParams, ln: CoreLearnParams) extends Bundle {
  val label = UInt(p.predictionWidth.W)
  /** Only in a desire core (the three-factor unit's rates are constants of the unit). */
  val rateExponent = if (ln.threeFactor) None else Some(UInt(ln.rateExponentWidth.W))
  /** Only in a desire core with dropout (SnnCore `TrainCmd`). */
  val dropoutState = if (ln.dropoutState) Some(UInt(CoreStreamParams.LfsrWidth.W)) else None
  /** Only in a three-factor core with random feedback (SnnCore `ThreeFactorTrainCmd.feedbackState`). */
  val feedbackState = if (ln.feedbackState) Some(UInt(CoreStreamParams.LfsrWidth.W)) else None
  /** Only in a core with stochastic rounding. */
  val roundingStates = if (ln.roundingStates) Some(Vec(ln.layers, UInt(CoreStreamParams.LfsrWidth.W))) else None
}

/** A weight-readback request (SnnCore `PeekReq`): word `address` of load memory `memory`. */
class CorePeekReq(p: CoreStreamParams) extends Bundle {
  val memory = UInt(p.loadMemoryWidth.W)
  val address = UInt(p.loadAddressWidth.W)
}

/** One input beat: a spike on channel `index` of the current step, or the end of the step. */
class CoreInBeat(p: CoreStreamParams) extends Bundle {
  val index = UInt(p.indexWidth.W)
  val endOfStep = Bool()
}

/** The decision of one sample (readout as in docs/numerics.md section 4). */
class CoreResult(p: CoreStreamParams) extends Bundle {
  val prediction = UInt(p.predictionWidth.W)
  val unique = Bool()
  val decisionStep = UInt(p.decisionStepWidth.W)
  val counts = Vec(p.outputs, UInt(p.countWidth.W))
}

/**
 * The core's ports, as a core module declares them (`val in = IO(Flipped(Decoupled(...)))`,
 * `val out = IO(Decoupled(...))` plus the implicit clock and synchronous active-high reset).
 *
 * In Verilog: `clock`, `reset`, `in_ready` (out), `in_valid`, `in_bits_index`, `in_bits_endOfStep`,
 * `out_ready`, `out_valid` (out), `out_bits_prediction`, `out_bits_unique`, `out_bits_decisionStep`,
 * `out_bits_counts_0` .. `out_bits_counts_<outputs-1>`.
 *
 * Protocol: per time step, one `in` beat per input spike of that step with `endOfStep` = 0, in
 * ascending index order, then one beat with `endOfStep` = 1 (its `index` is 0 and ignored). A sample
 * is exactly T closed steps; after the sample's last step the core offers one `out` beat. The core
 * may hold `in_ready` low for as long as it needs (for example during a neuron pass).
 */
class CoreStreamIO(p: CoreStreamParams) extends Bundle {
  val clock = Input(Clock())
  val reset = Input(Bool())
  val in = Flipped(Decoupled(new CoreInBeat(p)))
  val out = Decoupled(new CoreResult(p))
  /** The load port, when the core has one (`load_ready`, `load_valid`, `load_bits_memory` ...). */
  val load = if (p.hasLoad) Some(Flipped(Decoupled(new CoreLoadBeat(p)))) else None
  /** A learning core's training command (`train_ready`, `train_valid`, `train_bits_label` ...). */
  val train = p.learning.map(ln => Flipped(Decoupled(new CoreTrainCmd(p, ln))))
  /** A learning core trains on `train_bits` as taken: hold them while `trainHold` is high (SnnCore's contract). */
  val trainHold = p.learning.map(_ => Output(Bool()))
  /** A learning core's weight readback request (`peek_ready`, `peek_valid`, `peek_bits_memory`, `peek_bits_address`). */
  val peek = p.learning.map(_ => Flipped(Decoupled(new CorePeekReq(p))))
  /** The word a `peek` request reads, one clock after it (`peekData_valid`, `peekData_bits`). */
  val peekData = p.learning.map(_ => Valid(UInt(p.loadDataWidth.W)))
  /** The core's trace port (`trace_valid`, `trace_bits_*`), when declared. */
  val trace = p.trace.map(t => Valid(new CoreTraceBeat(t)))
}

/**
 * A core instantiated by name: its Verilog comes from another generator (or a test fixture) and is
 * read next to the board top-level's file.
 */
class CoreBlackBox(p: CoreStreamParams, moduleName: String) extends BlackBox {
  override def desiredName: String = moduleName
  val io = IO(new CoreStreamIO(p))
}
