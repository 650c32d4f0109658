package dev.spikeforge.hwgen

import chisel3._
import chisel3.util._
import dev.spikeforge.golden.numerics.Lfsr
import dev.spikeforge.golden.spec.hw.{HwCore, HwDesireLearning, MemoryRole}

/**
 * Static parameters of layer l's part of the desire learning unit (docs/hardware.md §7), all derived
 * from the core's hardware spec and its learning spec ([[HwCore#learning]]).
 */
object LearnLayer {
  /** `n` bits, bit `idx` set (none when idx ≥ n): one comparator per bit, no unused bits. */
  def oneHot(idx: UInt, n: Int): UInt = Cat((n - 1 to 0 by -1).map(b => idx === b.U))
}

final case class LearnLayer(core: HwCore, l: Int) {
  import HwLayout.bitsFor
  private val rule = core.learning
  require(rule != null, "an inference-only core has no learning unit")
  val h = core.layers.get(l)
  val P: Int = h.lanes
  val G: Int = h.groups
  val N: Int = h.size
  val In: Int = h.inputSize
  val T: Int = core.timesteps
  /** B, the forward weight's bits. */
  val B: Int = h.weightWidth
  /** E_l, the shadow weight's extra fraction bits. */
  val E: Int = h.shadowBits
  /** B + E_l: the stored (shadow) word of one synapse. */
  val shadowWidth: Int = rule.shadowWidth(l, B)
  private val ffMem = core.memory(l, MemoryRole.FEEDFORWARD)
  val laneWidth: Int = h.feedforward.laneWord.width
  require(h.feedforward.laneWord.field("weight").offset == 0 && laneWidth == shadowWidth,
    s"layer $l: a learning core's lane word is the $shadowWidth-bit shadow weight alone, got ${h.feedforward.laneWord}")
  val memWidth: Int = ffMem.width
  val memAddrWidth: Int = bitsFor(ffMem.depth)
  /** The step at which this layer sees its inputs' spikes, relative to when they fire: 0 for layer 0, else D. */
  val delay: Int = if (l == 0) 0 else rule.layerDelay
  val last: Boolean = l == core.layers.size - 1
  val inputDrop: Boolean = l == 0 && rule.dropoutThresholds()(0) > 0
  val neuronDrop: Boolean = !last && rule.dropoutThresholds()(l + 1) > 0
  /** S of this layer's inputs' dropout group. */
  val inputScale: Int = h.currentScale
  val unitScale: Int = HwDesireLearning.UNIT_DROPOUT_SCALE
  val scaleFracBits: Int = HwDesireLearning.DROPOUT_SCALE_FRAC_BITS

  val rowAddrWidth: Int = bitsFor(math.max(HwCore.MIN_DEPTH, In))
  val histAddrWidth: Int = bitsFor(math.max(HwCore.MIN_DEPTH, T * G))
  val groupAddrWidth: Int = bitsFor(math.max(HwCore.MIN_DEPTH, G))
  val countWidth: Int = HwDesireLearning.countWidth(T)
  val errorWidth: Int = rule.errorWidth(l, T)
  /** Bits of ε' kept per neuron: none in layer 0, whose errors no desire sum reads. */
  val storedErrorWidth: Int = if (l == 0) 0 else errorWidth
  val sumWidth: Int = rule.desireSumWidth(l, B, N, T)
  val traceWidth: Int = rule.traceWidth
  val traceSumWidth: Int = rule.traceSumWidth(T)
  /** A lane of the desire memory: error ε' (low bits), then active (d ≠ 0), negative (d = −1), fired (c > 0). */
  val desireLaneWidth: Int = storedErrorWidth + 3

  /** `DesireBackpropInt.forwardWeight`: the B-bit forward weight of a stored shadow word. */
  def forwardWeight(stored: SInt): SInt = HwDesire.forwardWeight(stored, E, B)
}

/** What the learning unit drives into layer l's engine (read/write of its learning memories while it is idle). */
class LearnCtl(ll: LearnLayer) extends Bundle {
  val wRen = Bool()
  val wWen = Bool()
  val wAddr = UInt(ll.memAddrWidth.W)
  val wData = UInt(ll.memWidth.W)
  val rowRen = Bool()
  val rowClear = Bool()
  val rowAddr = UInt(ll.rowAddrWidth.W)
  val histRen = Bool()
  val histAddr = UInt(ll.histAddrWidth.W)
  val keepInWen = Bool()
  val keepInAddr = UInt(ll.rowAddrWidth.W)
  val keepInBit = Bool()
  val keepRen = Bool()
  val keepWen = Bool()
  val keepAddr = UInt(ll.groupAddrWidth.W)
  val keepMask = UInt(ll.P.W)
}

/** What layer l's engine returns, one clock after the read. */
class LearnData(ll: LearnLayer) extends Bundle {
  /** The feedforward weight word. */
  val wData = UInt(ll.memWidth.W)
  /** An input row's spike history: bit t = the layer saw the input spike at step t. */
  val row = UInt(ll.T.W)
  /** Group g's spikes of step t (word t·G + g). */
  val hist = UInt(ll.P.W)
  /** Group g's keep bits (all ones in a layer without dropout). */
  val keep = UInt(ll.P.W)
}

/** A weight-readback request: word `address` of memory `memory` (a load index; feedforward weight memories only). */
class PeekReq(core: HwCore) extends Bundle {
  val memory = UInt(core.loadMemoryWidth.W)
  val address = UInt(core.loadAddressWidth.W)
}

/** One training command: the label, the learning-rate exponent s(e) and the sample's LFSR start states. */
class TrainCmd(core: HwCore, rule: HwDesireLearning) extends Bundle {
  val label = UInt(core.predictionWidth.W)
  val rateExponent = UInt(rule.rateExponentWidth.W)
  /** `Lfsr.seeded(seed, DropoutMask.stream(e, p))`'s state; only in a core with dropout. */
  val dropoutState = if (TrainCmd.hasDropout(rule)) Some(UInt(Lfsr.WIDTH.W)) else None
  /**
   * Layer l's stochastic-rounding stream's start state (`StochasticRounding.generator(seed, e, p, l)`);
   * only in a core with stochastic rounding.
   */
  val roundingStates = if (rule.roundingBits > 0) Some(Vec(rule.layers, UInt(Lfsr.WIDTH.W))) else None
}

object TrainCmd {
  /** Whether some dropout group of `rule` draws (P > 0): the core then takes the dropout LFSR's state. */
  def hasDropout(rule: HwDesireLearning): Boolean = rule.drawsDropout
}

/**
 * The desire learning unit (docs/hardware.md §7; the integer rule of docs/learning.md §3–4 bit for
 * bit). It works only while every layer engine is idle, through each engine's [[LearnCtl]] port:
 *
 *  - `prepare` (before a training sample's forward pass): clears every input-row history, then draws the
 *    dropout masks from the dropout LFSR (inputs, then each hidden layer; one 8-bit draw per clock);
 *  - `learn` (after the forward pass): the output desire from the spike counts; each hidden layer's
 *    desire, last first (spike counts from the neuron histories, desire sums `Σ_j w_ji·g_j` over the
 *    next layer's forward weights, one lane per clock); then every layer's update: for each input row
 *    that spiked, for each group with a lane to update, the presynaptic trace replayed over the T
 *    steps from the row history and added into the lanes' trace sums U where the post-neuron fired,
 *    then a read-modify-write of the weight word, one updated lane per clock in ascending order
 *    (each drawing its K stochastic-rounding bits from the layer's LFSR), each lane's update over two
 *    clocks, pipelined: Δ ([[HwDesire.stochasticDelta]]) registered, then the saturating addition
 *    ([[HwDesire.addDeltaSaturated]]) while the next lane forms its Δ.
 *
 * The layers learn one after another, so one datapath serves them all: one sequencer with a layer
 * register, one desire-sum multiplier, one trace replay, one update (stochastic shift, LFSR draw,
 * saturating add) at the widest layer's widths, saturated to the layer's own shadow width at the end
 * (nested saturation equals the narrow one). Per-layer constants are small lookups by the layer
 * register; every counter has the width of the largest value it holds.
 *
 * Between samples it answers weight-readback requests (`peek`).
 */
class DesireLearner(core: HwCore) extends Module {
  import HwLayout.bitsFor
  private val rule = core.learning
  private val L = core.layers.size
  private val lls = (0 until L).map(l => LearnLayer(core, l))
  private val T = core.timesteps
  private val outputs = core.outputSize
  private val K = rule.roundingBits

  val io = IO(new Bundle {
    val prepare = Input(Bool())
    /**
     * A training command is taken this clock: layer 0's rounding LFSR starts from `roundingStates(0)`. The
     * sender holds every field of the command on the `train` port until the sample's output beat (`trainHold`),
     * so the unit keeps no copy: the label and rate exponent are read when used, layer l > 0's state when its
     * update begins.
     */
    val load = Input(Bool())
    val learn = Input(Bool())
    val idle = Output(Bool())
    val label = Input(UInt(core.predictionWidth.W))
    val rateExponent = Input(UInt(rule.rateExponentWidth.W))
    val dropoutState = if (TrainCmd.hasDropout(rule)) Some(Input(UInt(Lfsr.WIDTH.W))) else None
    val roundingStates = if (K > 0) Some(Input(Vec(L, UInt(Lfsr.WIDTH.W)))) else None
    val counts = Input(Vec(outputs, UInt(core.countWidth.W)))
    val peek = Flipped(Decoupled(new PeekReq(core)))
    val peekData = Valid(UInt(core.loadDataWidth.W))
    val ctl = Output(MixedVec(lls.map(ll => new LearnCtl(ll))))
    val data = Input(MixedVec(lls.map(ll => new LearnData(ll))))
  })

  // ---------------------------------------------------------------- sizes
  private val maxP = lls.map(_.P).max
  private val maxG = lls.map(_.G).max
  private val maxIn = lls.map(_.In).max
  private val maxMemWidth = lls.map(_.memWidth).max
  /** The widest shadow word: the shared update's width. */
  private val W = lls.map(_.shadowWidth).max
  private val lW = bitsFor(L)

  /** Constant `values(k)` at index `idx` (unsigned), the table padded to every value of the index. */
  private def lookup(idx: UInt, values: Seq[BigInt]): UInt =
    if (values.distinct.size == 1) values.head.U
    else {
      val w = values.map(v => math.max(1, v.bitLength)).max
      val n = 1 << idx.getWidth
      VecInit((values ++ Seq.fill(n - values.size)(values.last)).take(n).map(_.U(w.W)))(idx)
    }
  private def lookupS(idx: UInt, values: Seq[BigInt]): SInt =
    if (values.distinct.size == 1) values.head.S
    else {
      val w = values.map(v => v.bitLength + 1).max
      val n = 1 << idx.getWidth
      VecInit((values ++ Seq.fill(n - values.size)(values.last)).take(n).map(_.S(w.W)))(idx)
    }
  private def perLayer(idx: UInt)(f: LearnLayer => BigInt): UInt = lookup(idx, lls.map(f))
  /** The hidden layers m = 0 .. L − 2 that Desire(m) works on (all layers in a one-layer core, which has no Desire). */
  private val desireLayers = if (L == 1) lls else lls.init
  /** Their next layers m + 1, whose weights and desires Desire(m) reads. */
  private val desireNext = if (L == 1) lls else lls.tail
  /** In Desire(m), a constant of layer m, by the layer register (a constant when there is one hidden layer). */
  private def ofHidden(f: LearnLayer => BigInt): UInt = lookup(layer, desireLayers.map(f))
  /** In Desire(m), a constant of layer m + 1. */
  private def ofNext(f: LearnLayer => BigInt): UInt = lookup(layer, desireNext.map(f))
  /**
   * Element `idx` of `v` (a one-element sequence needs no index; an index beyond reads the last): a tree
   * of two-way multiplexers on the index bits, no array (firtool cannot lower a multiplexer of arrays).
   */
  private def select[D <: Data](v: Seq[D], idx: UInt): D =
    if (v.size == 1) v.head
    else {
      val b = log2Ceil(v.size)
      val at = HwLayout.fit(idx, b)
      def tree(vs: Seq[D], bit: Int): D =
        if (vs.size == 1) vs.head else Mux(at(bit), tree(vs.drop(vs.size / 2), bit - 1), tree(vs.take(vs.size / 2), bit - 1))
      tree(v.padTo(1 << b, v.last), b - 1)
    }
  /**
   * Bit `idx` of `bits` (0 beyond its width). The bits are padded to every value of the index, so
   * that the selection reads every element it builds (Verilator -Wall).
   */
  private def pickBit(bits: UInt, idx: UInt): Bool = {
    val n = 1 << idx.getWidth
    VecInit((if (bits.getWidth >= n) bits(n - 1, 0) else bits.pad(n)).asBools)(idx)
  }

  // ---------------------------------------------------------------- sequencer
  private val sIdle :: sPrepare :: sOutputDesire :: sDesire :: sUpdate :: Nil = Enum(5)
  private val phase = RegInit(sIdle)
  /** The layer of the phase: Desire(m) → m (its weights are layer m + 1's), Update(l) → l. */
  private val layer = Reg(UInt(lW.W))
  private val inDesire = phase === sDesire
  /** The layer whose weights and desires the phase reads: m + 1 in Desire(m), l in Update(l). */
  private val wl = Mux(inDesire, layer + 1.U, layer)(lW - 1, 0)
  io.idle := phase === sIdle

  private val sub = RegInit(0.U(4.W))
  private val i = Reg(UInt(bitsFor(math.max(maxIn, maxG) + 1).W))
  private val j = Reg(UInt(bitsFor((Seq(core.inputSize) ++ lls.map(ll => ll.G * ll.P)).max + 1).W))
  private val g = Reg(UInt(bitsFor(maxG + 1).W))
  private val t = Reg(UInt(bitsFor(math.max(T, maxP) + 1).W))
  private val p = Reg(UInt(bitsFor(maxP + 1).W))
  private val addr = Reg(UInt(bitsFor((T + 1) * maxG + 1).W))
  private val rowBase = Reg(UInt(bitsFor(lls.map(ll => ll.In * ll.G).max + 1).W))

  private val gLayer = perLayer(layer)(_.G)
  private val gWeights = perLayer(wl)(_.G)
  private val lastGroup = g === perLayer(wl)(_.G - 1)

  /** Start of a phase's pass over layer `l`: every counter from 0. */
  private def enter(ph: UInt, l: UInt): Unit = {
    phase := ph
    layer := l
    sub := 0.U
    i := 0.U
    j := 0.U
    g := 0.U
    p := 0.U
    rowBase := 0.U
  }

  // ---------------------------------------------------------------- engine data of the phase's layers
  private val rowData = select(io.data.map(_.row), layer)
  private val histData = select(io.data.map(_.hist.pad(maxP)), layer)
  private val keepData = select(io.data.map(_.keep.pad(maxP)), layer)
  private val wData = select(io.data.map(_.wData.pad(maxMemWidth)), wl)

  // shared requests, steered to the engine of `layer` (rows, histories, keep bits) or `wl` (weights)
  private val rowRen = WireDefault(false.B)
  private val histRen = WireDefault(false.B)
  private val keepRen = WireDefault(false.B)
  private val wRen = WireDefault(false.B)
  private val wWen = WireDefault(false.B)

  // ---------------------------------------------------------------- registers of the datapath
  private val word = Reg(UInt(maxMemWidth.W))
  private val negative = Reg(UInt(maxP.W))
  private val keepBuf = Reg(UInt(maxP.W))
  private val cnt = Reg(Vec(maxP, UInt(HwDesireLearning.countWidth(T).W)))
  private val acc = Reg(SInt(lls.map(_.sumWidth).max.W))
  private val rowBits = Reg(UInt(T.W))
  private val x = Reg(UInt(rule.traceWidth.W))
  private val u = Reg(Vec(maxP, UInt(rule.traceSumWidth(T).W)))
  private val uMask = Reg(UInt(maxP.W))
  private val dataValid = RegInit(false.B)
  private val dataT = Reg(UInt(bitsFor(T).W))
  private val dropLfsr = Reg(UInt(Lfsr.WIDTH.W))
  private val roundLfsr = Reg(UInt(Lfsr.WIDTH.W))
  private val clearDone = Reg(Bool())

  // ---------------------------------------------------------------- desire memories, one word per group
  /** A neuron's desire: error ε' (errW bits; none stored in layer 0), d ≠ 0, d = −1, fired (c > 0). */
  private final case class DesireLane(err: UInt, active: Bool, negative: Bool, fired: Bool) {
    def pack(ll: LearnLayer): UInt =
      if (ll.storedErrorWidth == 0) Cat(fired, negative, active)
      else Cat(fired, negative, active, err.pad(ll.storedErrorWidth)(ll.storedErrorWidth - 1, 0))
    /** g = d·ε'. */
    def term: SInt = Mux(active, Mux(negative, -(err.zext), err.zext), 0.S)
  }
  private val errW = lls.map(_.storedErrorWidth).max.max(1)
  private def unpack(ll: LearnLayer, w: UInt, q: Int): DesireLane = {
    val b = HwLayout.lane(w, ll.desireLaneWidth, q)
    val e = ll.storedErrorWidth
    DesireLane(if (e == 0) 0.U(errW.W) else b(e - 1, 0).pad(errW), b(e), b(e + 1), b(e + 2))
  }
  // One desire memory for all layers (layer l's G_l words from word Σ_{k<l} G_k; one layer is read or written
  // at a time), a word per group: one block RAM instead of one per layer.
  private val desireBase = lls.map(ll => lls.take(ll.l).map(_.G).sum)
  private val desireDepth = math.max(HwCore.MIN_DEPTH, lls.map(_.G).sum)
  private val desireAddrWidth = bitsFor(desireDepth)
  private val desireMem = SyncReadMem(desireDepth, UInt(lls.map(ll => ll.P * ll.desireLaneWidth).max.W))
  private def desireWord(l: UInt, group: UInt): UInt =
    HwLayout.fit(lookup(l, desireBase.map(BigInt(_))) +& group, desireAddrWidth)
  private val desireRen = WireDefault(false.B)
  private val desireData = desireMem.read(desireWord(wl, g), desireRen)
  // its one write port
  private val desireWen = WireDefault(false.B)
  private val desireWAddr = WireDefault(0.U(desireAddrWidth.W))
  private val desireWData = WireDefault(0.U(desireMem.t.getWidth.W))
  when(desireWen) { desireMem.write(desireWAddr, desireWData) }
  private val desireRead = lls.map(ll => desireData(ll.P * ll.desireLaneWidth - 1, 0))
  /** The desire lanes of layer `wl`'s word read a clock ago (the layer does not change in between; lanes beyond its lanes read inactive). */
  private val desireLanes: Seq[DesireLane] = (0 until maxP).map { q =>
    val perL = lls.map(ll => if (q < ll.P) unpack(ll, desireRead(ll.l), q) else DesireLane(0.U(errW.W), false.B, false.B, false.B))
    DesireLane(select(perL.map(_.err), wl), select(perL.map(_.active), wl), select(perL.map(_.negative), wl),
      select(perL.map(_.fired), wl))
  }

  /** Desire lane of a neuron of layer `l` with count c and desire (active, negative). */
  private def decided(tEff: UInt, c: UInt, active: Bool, negative: Bool): DesireLane = {
    val target = Mux(active && !negative, tEff, 0.U)
    val err = Mux(target >= c, target - c, c - target)
    DesireLane(err.pad(errW)(errW - 1, 0), active, negative, c =/= 0.U)
  }

  // ---------------------------------------------------------------- commands
  when(io.prepare && io.idle) {
    enter(sPrepare, 0.U)
    keepBuf := 0.U
    clearDone := false.B
    for (d <- io.dropoutState) dropLfsr := d
  }
  when(io.learn && io.idle) {
    enter(sOutputDesire, (L - 1).U)
  }
  // layer 0's rounding stream starts with the command (the core holds only the later layers' states)
  for (r <- io.roundingStates) { when(io.load) { roundLfsr := r(0) } }

  // ---------------------------------------------------------------- prepare: clear row histories, draw dropout masks
  private final case class DrawGroup(layer: Int, units: Int, threshold: Int, lanes: Int, input: Boolean)
  private val drawGroups: Seq[DrawGroup] =
    (if (lls.head.inputDrop) Seq(DrawGroup(0, core.inputSize, rule.dropoutThresholds()(0), 1, input = true)) else Nil) ++
      lls.filter(_.neuronDrop).map(ll => DrawGroup(ll.l, ll.N, rule.dropoutThresholds()(ll.l + 1), ll.P, input = false))
  /** Index of the draw group being drawn; drawGroups.size: done. */
  private val drawGroup = Reg(UInt(bitsFor(drawGroups.size + 1).W))
  when(io.prepare && io.idle) { drawGroup := 0.U }
  private val clearing = phase === sPrepare && !clearDone
  private val keepInWen = WireDefault(false.B)
  private val keepInBit = WireDefault(false.B)
  private val keepWen = WireDefault(false.B)
  private val keepMask = WireDefault(0.U(maxP.W))
  private val keepLayer = WireDefault(0.U(lW.W))

  when(phase === sPrepare) {
    when(!clearDone) {
      i := i + 1.U
      when(i === (maxIn - 1).U) { clearDone := true.B }
    }
    if (drawGroups.nonEmpty) {
      val grp = drawGroups
      val drawing = drawGroup < grp.size.U
      val k = HwLayout.fit(drawGroup, bitsFor(grp.size))
      val draw = HwLfsr.nextBits(dropLfsr, HwDesireLearning.DROPOUT_DRAW_BITS)
      val keep = draw.bits >= lookup(k, grp.map(d => BigInt(d.threshold)))
      val lastUnit = j === lookup(k, grp.map(d => BigInt(d.units - 1)))
      val isInput = if (grp.head.input) drawGroup === 0.U else false.B
      val mask = keepBuf | Mux(keep, LearnLayer.oneHot(p, maxP), 0.U)
      val lastLane = p === lookup(k, grp.map(d => BigInt(d.lanes - 1))) || lastUnit
      // after the clear: layer 0's keep bits share the row-history memory's write port
      when(drawing && clearDone) {
        dropLfsr := draw.next
        j := Mux(lastUnit, 0.U, j + 1.U)
        when(lastUnit) { drawGroup := drawGroup + 1.U }
        when(isInput) {
          keepInWen := true.B
          keepInBit := keep
        }.elsewhen(lastLane) {
          keepWen := true.B
          keepMask := mask
          keepLayer := lookup(k, grp.map(d => BigInt(d.layer)))
          keepBuf := 0.U
          p := 0.U
          g := Mux(lastUnit, 0.U, g + 1.U)
        }.otherwise {
          keepBuf := mask
          p := p + 1.U
        }
      }
    }
    when(clearDone && drawGroup === drawGroups.size.U) { phase := sIdle }
  }

  // ---------------------------------------------------------------- output desire, from the spike counts
  when(phase === sOutputDesire) {
    val ll = lls.last
    val tEff = rule.errorScales()(ll.l)
    val dOut = rule.outputDesireThreshold
    val lanes = (0 until ll.P).map { q =>
      val jj = g * ll.P.U + q.U
      val c = select(io.counts, jj)
      val exists = jj < outputs.U
      val isLabel = jj === io.label
      val want = isLabel && (tEff.S - c.zext > dOut.S)
      val reject = !isLabel && c > dOut.U
      val d = decided(tEff.U, c, want || reject, reject)
      Mux(exists, d.pack(ll), 0.U)
    }
    desireWen := true.B
    desireWAddr := desireWord((L - 1).U, g)
    desireWData := Cat(lanes.reverse)
    g := g + 1.U
    when(g === (ll.G - 1).U) {
      if (L >= 2) enter(sDesire, (L - 2).U) else enterUpdate(0)
    }
  }

  /** Start of the update pass over layer `l` (its stochastic-rounding stream from its start state). */
  private def enterUpdate(l: Int): Unit = {
    enter(sUpdate, l.U)
    if (l > 0) for (r <- io.roundingStates) roundLfsr := r(l)
  }

  // ---------------------------------------------------------------- hidden desire of layer m (weights of layer m + 1)
  // sub 0: start group i (of layer m); 1: count over T steps; 2: read weights + desires; 3: latch; 4: MAC lanes;
  // 5: decide; 6: write the group's desire word
  private val laneBuf = Reg(Vec(maxP, new Bundle {
    val err = UInt(errW.W)
    val active = Bool()
    val negative = Bool()
    val fired = Bool()
  }))
  private val heldTerm = Reg(Vec(maxP, SInt((errW + 1).W)))
  private val pM = ofHidden(_.P)
  /** In Desire(m), the B-bit forward weight of lane t of `word` (layer m + 1's): the lane first, then one rounding. */
  private val desireWeight: SInt = select(desireNext.map { ll =>
    val lanes = (0 until ll.P).map(q => HwLayout.lane(word(ll.memWidth - 1, 0), ll.laneWidth, q).asSInt)
    ll.forwardWeight(select(lanes, t)).pad(lls.map(_.B).max)
  }, layer)
  when(phase === sDesire) {
    switch(sub) {
      is(0.U) {
        t := 0.U
        addr := i // t·G_m + group, from t = 0
        dataValid := false.B
        for (q <- 0 until maxP) cnt(q) := 0.U
        keepRen := true.B
        sub := 1.U
      }
      is(1.U) {
        when(t === 0.U && !dataValid) { keepBuf := keepData }
        val issue = t < T.U
        histRen := issue
        when(issue) {
          addr := addr + gLayer
          t := t + 1.U
        }
        dataValid := issue
        when(dataValid) {
          for (q <- 0 until maxP) cnt(q) := cnt(q) +% histData(q).asUInt
        }
        when(!issue && !dataValid) {
          p := 0.U
          g := 0.U
          acc := 0.S
          sub := 2.U
        }
      }
      is(2.U) {
        // lane p of group i is neuron j = i·P_m + p of layer m, row j of layer m + 1's weights
        when(j >= ofHidden(_.N)) {
          sub := 5.U
        }.otherwise {
          wRen := true.B
          desireRen := true.B
          sub := 3.U
        }
      }
      is(3.U) {
        word := wData
        for (q <- 0 until maxP) heldTerm(q) := desireLanes(q).term
        t := 0.U
        sub := 4.U
      }
      is(4.U) {
        acc := acc +% (desireWeight * select(heldTerm, t))
        t := t + 1.U
        when(t === ofNext(_.P - 1)) {
          g := g + 1.U
          sub := Mux(lastGroup, 5.U, 2.U)
        }
      }
      is(5.U) {
        val kept = pickBit(keepBuf, HwLayout.fit(p, bitsFor(maxP))) || !ofHidden(ll => BigInt(if (ll.neuronDrop) 1 else 0))(0)
        val dl = ofNext(ll => BigInt(rule.hiddenDesireThresholds()(ll.l))).zext
        val big = acc >= dl || acc <= -dl
        val active = kept && big && j < ofHidden(_.N)
        val c = select(cnt, p)
        val decision = decided(ofHidden(ll => BigInt(rule.errorScales()(ll.l))), c, active, acc < 0.S)
        for (k <- 0 until maxP) {
          when(p === k.U) {
            laneBuf(k).err := decision.err
            laneBuf(k).active := decision.active
            laneBuf(k).negative := decision.negative
            laneBuf(k).fired := decision.fired
          }
        }
        rowBase := rowBase + gWeights
        j := j + 1.U
        g := 0.U
        acc := 0.S
        p := p + 1.U
        sub := Mux(p === (pM - 1.U), 6.U, 2.U)
      }
      is(6.U) {
        for (m <- 0 until L - 1) {
          val lm = lls(m)
          when(layer === m.U) {
            val bits = Cat((0 until lm.P).reverse.map { q =>
              val b = laneBuf(q)
              DesireLane(b.err, b.active, b.negative, b.fired).pack(lm)
            })
            desireWen := true.B
            desireWAddr := desireWord(m.U, i)
            desireWData := bits
          }
        }
        i := i + 1.U
        sub := 0.U
        when(i === ofHidden(_.G - 1)) {
          when(layer === 0.U) { enterUpdate(0) }.otherwise { enter(sDesire, layer - 1.U) }
        }
      }
    }
  }

  // ---------------------------------------------------------------- update of layer l
  // R_l = s + F − q_l − E_l, exact (widening add: every s the register holds)
  private val shift = io.rateExponent.zext +&
    lookupS(layer, lls.map(ll => BigInt(rule.traceFracBits - rule.thresholdShifts()(ll.l) - ll.E)))
  // its stochastic right shift, registered: R_l is constant during layer l's update, whose first lane update
  // comes clocks after the layer register changes
  private val stochasticShift = HwDesire.stochasticShiftAmount(shift, rule.traceSumWidth(T), K.max(1), W)
  private val shiftAmount = RegNext(stochasticShift.amount)
  /** Lane q of `word` of layer l (Update(l)), sign-extended to W bits. */
  private def shadowLanes(w: UInt): Seq[SInt] = (0 until maxP).map { q =>
    select(lls.map(ll => if (q < ll.P) HwLayout.lane(w(ll.memWidth - 1, 0), ll.laneWidth, q).asSInt.pad(W) else 0.S(W.W)), layer)
  }
  // The update of one lane takes two clocks, pipelined over the lanes of a word: Δ (the framed shift of the
  // trace sum and the rounding carry, or the floored shift) in the first, the saturating addition to the shadow
  // weight in the second, while the next lane takes its first.
  private val pending = RegInit(false.B)
  private val pendingLane = Reg(UInt(bitsFor(maxP).W))
  private val pendingPositive = Reg(Bool())
  private val pendingDelta = Reg(new HwDesire.UpdateDelta(W))
  // sub 0: read row i's history; 1: test it; 2: read group g's desires; 3: test them; 4: replay; 5: read word;
  // 6: latch; 7: update lanes, two clocks each, pipelined (one more clock after the last); 8: write back
  when(phase === sUpdate) {
    def nextRow(): Unit = {
      rowBase := rowBase + gLayer
      i := i + 1.U
      sub := 0.U
      when(i === perLayer(layer)(_.In - 1)) {
        if (L == 1) phase := sIdle
        else {
          when(layer === (L - 1).U) { phase := sIdle }
          for (l <- 0 until L - 1) { when(layer === l.U) { enterUpdate(l + 1) } }
        }
      }
    }
    def nextGroup(): Unit = {
      g := g + 1.U
      sub := 2.U
      when(lastGroup) { nextRow() }
    }
    switch(sub) {
      is(0.U) {
        rowRen := true.B
        sub := 1.U
      }
      is(1.U) {
        rowBits := rowData
        g := 0.U
        when(rowData === 0.U) { nextRow() }.otherwise { sub := 2.U }
      }
      is(2.U) {
        desireRen := true.B
        sub := 3.U
      }
      is(3.U) {
        negative := Cat(desireLanes.reverse.map(_.negative))
        val todo = Cat(desireLanes.reverse.map(d => d.active && d.fired))
        uMask := todo
        for (q <- 0 until maxP) u(q) := 0.U
        x := 0.U
        t := 0.U
        addr := g
        dataValid := false.B
        when(todo === 0.U) { nextGroup() }.otherwise { sub := 4.U }
      }
      is(4.U) {
        val issue = t < T.U
        histRen := issue
        when(issue) {
          addr := addr + gLayer
          t := t + 1.U
        }
        dataValid := issue
        dataT := t
        when(dataValid) {
          val spike = pickBit(rowBits, dataT)
          val xNext = HwDesire.traceStep(x, rule.leakShift.U, rule.traceFracBits, spike)(rule.traceWidth - 1, 0)
          x := xNext
          for (q <- 0 until maxP) {
            when(histData(q)) { u(q) := u(q) +% xNext }
          }
        }
        when(!issue && !dataValid) { sub := 5.U }
      }
      is(5.U) {
        wRen := true.B
        sub := 6.U
      }
      is(6.U) {
        word := wData
        sub := 7.U
      }
      is(7.U) {
        // second clock of the previous lane's update: add Δ to its shadow weight, saturate, write it into `word`
        when(pending) {
          val sh = select(shadowLanes(word), pendingLane)
          // saturated to each layer's own width: sat_w(sat_W(x)) = sat_w(x), and Δ saturated at W ≥ w changes no sum
          val widths = lls.map(_.shadowWidth).distinct
          val sat = widths.zip(HwDesire.addDeltaSaturated(sh, pendingPositive, pendingDelta, widths)).toMap
          val perL = lls.map { ll =>
            val updated = sat(ll.shadowWidth).asUInt
            val lanes = (0 until ll.P).map(k => HwLayout.lane(word(ll.memWidth - 1, 0), ll.laneWidth, k))
            Cat((0 until ll.P).reverse.map(k => Mux(pendingLane === k.U, updated, lanes(k)))).pad(maxMemWidth)
          }
          word := select(perL, layer)
        }
        // first clock of the next lane's update (ascending): Δ from its trace sum, with its K rounding bits
        val more = uMask =/= 0.U
        pending := more
        when(more) {
          val q = PriorityEncoder(uMask)
          val traceSum = select(u, q)
          pendingLane := q
          pendingPositive := !pickBit(negative, q)
          pendingDelta := (if (K > 0) {
            val draw = HwLfsr.nextBits(roundLfsr, K)
            roundLfsr := draw.next
            HwDesire.stochasticDelta(traceSum, stochasticShift.copy(amount = shiftAmount), draw.bits, W)
          } else {
            HwDesire.flooredDelta(traceSum, shift, W)
          })
          uMask := uMask & (uMask - 1.U)
        }.otherwise {
          sub := 8.U
        }
      }
      is(8.U) {
        wWen := true.B
        nextGroup()
      }
    }
  }

  // ---------------------------------------------------------------- weight readback between samples
  io.peek.ready := io.idle
  private val peekValid = RegNext(io.peek.fire, false.B)
  private val peekMem = RegNext(io.peek.bits.memory)
  io.peekData.valid := peekValid
  io.peekData.bits := 0.U

  // ---------------------------------------------------------------- the engines' learning ports
  private val weightAddr = rowBase + g
  for ((ll, c) <- lls.zip(io.ctl)) {
    val l = ll.l
    val idx = core.loadIndex(core.memory(l, MemoryRole.FEEDFORWARD))
    val peekHere = io.peek.fire && io.peek.bits.memory === idx.U
    c.wRen := (wRen && wl === l.U) || peekHere
    c.wWen := wWen && wl === l.U
    c.wAddr := Mux(peekHere, HwLayout.fit(io.peek.bits.address, ll.memAddrWidth), HwLayout.fit(weightAddr, ll.memAddrWidth))
    c.wData := HwLayout.fit(word, ll.memWidth)
    c.rowRen := rowRen && layer === l.U
    c.rowClear := clearing && i < ll.In.U
    c.rowAddr := HwLayout.fit(i, ll.rowAddrWidth)
    c.histRen := histRen && layer === l.U
    c.histAddr := HwLayout.fit(addr, ll.histAddrWidth)
    c.keepInWen := (if (l == 0) keepInWen else false.B)
    c.keepInAddr := HwLayout.fit(j, ll.rowAddrWidth)
    c.keepInBit := keepInBit
    c.keepRen := keepRen && layer === l.U
    c.keepWen := keepWen && keepLayer === l.U
    c.keepAddr := HwLayout.fit(Mux(keepWen, g, i), ll.groupAddrWidth)
    c.keepMask := keepMask(ll.P - 1, 0)
    when(peekMem === idx.U) { io.peekData.bits := HwLayout.fit(io.data(l).wData, core.loadDataWidth) }
  }
}
