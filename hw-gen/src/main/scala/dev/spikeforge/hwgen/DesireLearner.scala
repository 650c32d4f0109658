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
 *  - `prepare` (before a training sample's forward pass): clears every input-row history and draws the
 *    dropout masks from the dropout LFSR (inputs, then each hidden layer; one 8-bit draw per clock);
 *  - `learn` (after the forward pass): the output desire from the spike counts; each hidden layer's
 *    desire, last first (spike counts from the neuron histories, desire sums `Σ_j w_ji·g_j` over the
 *    next layer's forward weights, one lane per clock); then every layer's update: for each input row
 *    that spiked, for each group with a lane to update, the presynaptic trace replayed over the T
 *    steps from the row history and added into the lanes' trace sums U where the post-neuron fired,
 *    then a read-modify-write of the weight word, one updated lane per clock in ascending order
 *    (each drawing its K stochastic-rounding bits from the layer's LFSR).
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
  for (c <- io.ctl) c := 0.U.asTypeOf(c)

  // ---------------------------------------------------------------- phases
  private sealed trait Phase
  private case object Prepare extends Phase
  private case object OutputDesire extends Phase
  private final case class Desire(m: Int) extends Phase
  private final case class Update(l: Int) extends Phase
  private val learnPhases: Seq[Phase] = Seq(OutputDesire) ++ (L - 2 to 0 by -1).map(Desire) ++ (0 until L).map(Update)
  private val phases: Seq[Phase] = Seq(Prepare) ++ learnPhases
  /** 0: idle; k ≥ 1: phases(k − 1). */
  private val phase = RegInit(0.U(bitsFor(phases.size + 1).W))
  private def code(ph: Phase): UInt = (phases.indexOf(ph) + 1).U
  private def next(ph: Phase): Unit = {
    val k = phases.indexOf(ph)
    phase := (if (ph == Prepare || k == phases.size - 1) 0.U else (k + 2).U)
    sub := 0.U
    i := 0.U
    j := 0.U
    g := 0.U
    rowBase := 0.U
  }
  io.idle := phase === 0.U

  // ---------------------------------------------------------------- shared registers
  private val maxP = lls.map(_.P).max
  private val ctrW = bitsFor((Seq(core.inputSize + 1, T + 1) ++ lls.flatMap(ll => Seq(ll.In + 1, ll.N + 1, ll.G + 1, ll.T * ll.G + 1))).max) + 1
  private val sub = RegInit(0.U(4.W))
  private val i = Reg(UInt(ctrW.W))
  private val j = Reg(UInt(ctrW.W))
  private val g = Reg(UInt(ctrW.W))
  private val t = Reg(UInt(ctrW.W))
  private val p = Reg(UInt(bitsFor(maxP + 1).W))
  private val addr = Reg(UInt((lls.map(ll => math.max(ll.memAddrWidth, ll.histAddrWidth)).max + 1).W))
  private val rowBase = Reg(UInt((lls.map(_.memAddrWidth).max + 1).W))
  private val word = Reg(UInt(lls.map(_.memWidth).max.W))
  /** A group's desire word without the fired bits (err, active, negative per lane: desireLaneWidth − 1 bits). */
  private val dword = Reg(UInt(lls.drop(1).map(ll => ll.P * (ll.desireLaneWidth - 1)).maxOption.getOrElse(1).W))
  /** The update pass's group: bit q = lane q's desire is −1. */
  private val negative = Reg(UInt(maxP.W))
  private val laneBuf = Reg(Vec(maxP, UInt(lls.init.map(_.desireLaneWidth).maxOption.getOrElse(1).W)))
  private val keepBuf = Reg(UInt(maxP.W))
  private val cnt = Reg(Vec(maxP, UInt(HwDesireLearning.countWidth(T).W)))
  private val acc = Reg(SInt(lls.map(_.sumWidth).max.W))
  private val rowBits = Reg(UInt(T.W))
  private val x = Reg(UInt(lls.head.traceWidth.W))
  private val u = Reg(Vec(maxP, UInt(lls.head.traceSumWidth.W)))
  private val uMask = Reg(UInt(maxP.W))
  private val dataValid = RegInit(false.B)
  private val dataT = Reg(UInt(bitsFor(T).W))
  private val dropLfsr = Reg(UInt(Lfsr.WIDTH.W))
  private val roundLfsr = Reg(Vec(L, UInt(Lfsr.WIDTH.W)))
  private val clearDone = Reg(Bool())

  // ---------------------------------------------------------------- desire memories, one word per group
  private val desireMem = lls.map(ll => SyncReadMem(math.max(HwCore.MIN_DEPTH, ll.G), UInt((ll.P * ll.desireLaneWidth).W)))
  /** One read port per desire memory: word `desireAddr(l)` when `desireRen(l)`, in `desireData(l)` a clock later. */
  private val desireRen = lls.map(_ => WireDefault(false.B))
  private val desireAddr = lls.map(ll => WireDefault(0.U(ll.groupAddrWidth.W)))
  private val desireData = lls.indices.map(l => desireMem(l).read(desireAddr(l), desireRen(l)))

  private final case class DesireLane(err: UInt, active: Bool, negative: Bool, fired: Bool) {
    def pack(ll: LearnLayer): UInt =
      if (ll.storedErrorWidth == 0) Cat(fired, negative, active)
      else Cat(fired, negative, active, err.pad(ll.storedErrorWidth)(ll.storedErrorWidth - 1, 0))
    /** g = d·ε'. */
    def term(ll: LearnLayer): SInt = Mux(active, Mux(negative, -(err.zext), err.zext), 0.S)
  }
  private def lane(ll: LearnLayer, w: UInt, q: Int): DesireLane = {
    val b = HwLayout.lane(w, ll.desireLaneWidth, q)
    val e = ll.storedErrorWidth
    DesireLane(if (e == 0) 0.U else b(e - 1, 0), b(e), b(e + 1), b(e + 2))
  }
  /**
   * Bit `idx` of `bits` (0 beyond its width). The bits are padded to every value of the index, so
   * that the selection reads every element it builds (Verilator -Wall).
   */
  private def pickBit(bits: UInt, idx: UInt): Bool = {
    val n = 1 << idx.getWidth
    VecInit((if (bits.getWidth >= n) bits(n - 1, 0) else bits.pad(n)).asBools)(idx)
  }

  /** Element `idx` of `v` (a one-element sequence needs no index). */
  private def select[D <: Data](v: Seq[D], idx: UInt): D =
    if (v.size == 1) v.head else VecInit(v)(HwLayout.fit(idx, log2Ceil(v.size)))

  /** The desire word `w` of layer ll without its fired bits, for [[dword]]. */
  private def unfired(ll: LearnLayer, w: UInt): UInt =
    Cat((0 until ll.P).reverse.map(q => HwLayout.lane(w, ll.desireLaneWidth, q)(ll.desireLaneWidth - 2, 0)))
  /** Lane q of a [[dword]] (its fired bit reads 0). */
  private def held(ll: LearnLayer, q: Int): DesireLane = {
    require(ll.l > 0, "only a layer whose weights carry desire sums keeps its errors")
    val b = HwLayout.lane(dword(ll.P * (ll.desireLaneWidth - 1) - 1, 0), ll.desireLaneWidth - 1, q)
    DesireLane(b(ll.errorWidth - 1, 0), b(ll.errorWidth), b(ll.errorWidth + 1), false.B)
  }
  /** Desire lane of a neuron with count c and desire (active, negative), its layer's T_eff = `errorScale`. */
  private def decided(ll: LearnLayer, c: UInt, active: Bool, negative: Bool): DesireLane = {
    val tEff = rule.errorScales()(ll.l).U
    val target = Mux(active && !negative, tEff, 0.U)
    val err = Mux(target >= c, target - c, c - target)
    DesireLane(err, active, negative, c =/= 0.U)
  }

  // ---------------------------------------------------------------- commands
  when(io.prepare && io.idle) {
    phase := code(Prepare)
    sub := 0.U
    i := 0.U
    j := 0.U
    g := 0.U
    p := 0.U
    keepBuf := 0.U
    clearDone := false.B
    for (d <- io.dropoutState) dropLfsr := d
  }
  when(io.learn && io.idle) {
    phase := code(OutputDesire)
    sub := 0.U
    g := 0.U
    for (r <- io.roundingStates) roundLfsr := r
  }

  // ---------------------------------------------------------------- prepare: clear row histories, draw dropout masks
  private sealed trait DrawGroup { def units: Int; def threshold: Int }
  private final case class InputKeep(units: Int, threshold: Int) extends DrawGroup
  private final case class NeuronKeep(m: Int, units: Int, threshold: Int) extends DrawGroup
  private val drawGroups: Seq[DrawGroup] =
    (if (lls.head.inputDrop) Seq(InputKeep(core.inputSize, rule.dropoutThresholds()(0))) else Nil) ++
      lls.filter(_.neuronDrop).map(ll => NeuronKeep(ll.l, ll.N, rule.dropoutThresholds()(ll.l + 1)))
  /** Index of the draw group being drawn; drawGroups.size: done. */
  private val drawGroup = Reg(UInt(bitsFor(drawGroups.size + 1).W))
  when(io.prepare && io.idle) { drawGroup := 0.U }

  when(phase === code(Prepare)) {
    val maxIn = lls.map(_.In).max
    when(!clearDone) {
      for ((ll, c) <- lls.zip(io.ctl)) {
        c.rowClear := i < ll.In.U
        c.rowAddr := HwLayout.fit(i, ll.rowAddrWidth)
      }
      i := i + 1.U
      when(i === (maxIn - 1).U) { clearDone := true.B }
    }
    val draw = HwLfsr.nextBits(dropLfsr, HwDesireLearning.DROPOUT_DRAW_BITS)
    for ((grp, k) <- drawGroups.zipWithIndex) {
      when(drawGroup === k.U) {
        val keep = draw.bits >= grp.threshold.U
        dropLfsr := draw.next
        val lastUnit = j === (grp.units - 1).U
        j := Mux(lastUnit, 0.U, j + 1.U)
        when(lastUnit) { drawGroup := (k + 1).U }
        grp match {
          case InputKeep(_, _) =>
            val c = io.ctl(0)
            c.keepInWen := true.B
            c.keepInAddr := HwLayout.fit(j, lls.head.rowAddrWidth)
            c.keepInBit := keep
          case NeuronKeep(m, _, _) =>
            val ll = lls(m)
            val c = io.ctl(m)
            val mask = keepBuf(ll.P - 1, 0) | Mux(keep, LearnLayer.oneHot(p, ll.P), 0.U)
            val lastLane = p === (ll.P - 1).U || lastUnit
            when(lastLane) {
              c.keepWen := true.B
              c.keepAddr := HwLayout.fit(g, ll.groupAddrWidth)
              c.keepMask := mask
              keepBuf := 0.U
              p := 0.U
              g := Mux(lastUnit, 0.U, g + 1.U)
            }.otherwise {
              keepBuf := mask
              p := p + 1.U
            }
        }
      }
    }
    when(clearDone && drawGroup === drawGroups.size.U) { next(Prepare) }
  }

  // ---------------------------------------------------------------- output desire, from the spike counts
  when(phase === code(OutputDesire)) {
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
      val d = decided(ll, c, want || reject, reject)
      Mux(exists, d.pack(ll), 0.U)
    }
    desireMem.last.write(HwLayout.fit(g, ll.groupAddrWidth), Cat(lanes.reverse))
    g := g + 1.U
    when(g === (ll.G - 1).U) { next(OutputDesire) }
  }

  // ---------------------------------------------------------------- hidden desire of layer m (weights of layer m + 1)
  for (m <- L - 2 to 0 by -1) {
    val lm = lls(m)
    val ln = lls(m + 1)
    val cm = io.ctl(m)
    val cn = io.ctl(m + 1)
    // sub 0: start group i (of layer m); 1: count over T steps; 2: read weights + desires; 3: latch; 4: MAC lanes;
    // 5: decide; 6: write the group's desire word
    when(phase === code(Desire(m))) {
      switch(sub) {
        is(0.U) {
          t := 0.U
          addr := i // t·G_m + group, from t = 0
          dataValid := false.B
          for (q <- 0 until maxP) cnt(q) := 0.U
          cm.keepRen := true.B
          cm.keepAddr := HwLayout.fit(i, lm.groupAddrWidth)
          sub := 1.U
        }
        is(1.U) {
          when(t === 0.U && !dataValid) { keepBuf := io.data(m).keep.pad(maxP) }
          val issue = t < T.U
          cm.histRen := issue
          cm.histAddr := HwLayout.fit(addr, lm.histAddrWidth)
          when(issue) {
            addr := addr + lm.G.U
            t := t + 1.U
          }
          dataValid := issue
          when(dataValid) {
            for (q <- 0 until lm.P) cnt(q) := cnt(q) +% io.data(m).hist(q).asUInt
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
          when(j >= lm.N.U) {
            sub := 5.U
          }.otherwise {
            cn.wRen := true.B
            cn.wAddr := HwLayout.fit(rowBase + g, ln.memAddrWidth)
            desireRen(m + 1) := true.B
            desireAddr(m + 1) := HwLayout.fit(g, ln.groupAddrWidth)
            sub := 3.U
          }
        }
        is(3.U) {
          word := io.data(m + 1).wData
          dword := unfired(ln, desireData(m + 1))
          t := 0.U
          sub := 4.U
        }
        is(4.U) {
          val ws = (0 until ln.P).map(q => ln.forwardWeight(HwLayout.lane(word(ln.memWidth - 1, 0), ln.laneWidth, q).asSInt))
          val gs = (0 until ln.P).map(q => held(ln, q).term(ln))
          acc := acc +% (select(ws, t) * select(gs, t))
          t := t + 1.U
          when(t === (ln.P - 1).U) {
            g := g + 1.U
            sub := Mux(g === (ln.G - 1).U, 5.U, 2.U)
          }
        }
        is(5.U) {
          val kept = pickBit(keepBuf, HwLayout.fit(p, bitsFor(lm.P))) || !lm.neuronDrop.B
          val dl = BigInt(rule.hiddenDesireThresholds()(m + 1))
          val big = acc >= dl.S || acc <= (-dl).S
          val active = kept && big && j < lm.N.U
          val c = select(cnt.take(lm.P), p)
          val decision = decided(lm, c, active, acc < 0.S).pack(lm)
          for (k <- 0 until lm.P) { when(p === k.U) { laneBuf(k) := decision } }
          rowBase := rowBase + ln.G.U
          j := j + 1.U
          g := 0.U
          acc := 0.S
          p := p + 1.U
          sub := Mux(p === (lm.P - 1).U, 6.U, 2.U)
        }
        is(6.U) {
          val bits = Cat((0 until lm.P).reverse.map(q => laneBuf(q)(lm.desireLaneWidth - 1, 0)))
          require(laneBuf.head.getWidth >= lm.desireLaneWidth)
          desireMem(m).write(HwLayout.fit(i, lm.groupAddrWidth), bits)
          i := i + 1.U
          sub := 0.U
          when(i === (lm.G - 1).U) { next(Desire(m)) }
        }
      }
    }
  }

  // ---------------------------------------------------------------- update of layer l
  for (l <- 0 until L) {
    val ll = lls(l)
    val c = io.ctl(l)
    // R_l = s + F − q_l − E_l, exact (widening add: every s the register holds)
    val shift = io.rateExponent.zext +& (rule.traceFracBits - rule.thresholdShifts()(l) - ll.E).S
    // sub 0: read row i's history; 1: test it; 2: read group g's desires; 3: test them; 4: replay; 5: read word;
    // 6: latch; 7: update lanes; 8: write back
    when(phase === code(Update(l))) {
      switch(sub) {
        is(0.U) {
          c.rowRen := true.B
          c.rowAddr := HwLayout.fit(i, ll.rowAddrWidth)
          sub := 1.U
        }
        is(1.U) {
          val bits = io.data(l).row
          rowBits := bits
          g := 0.U
          when(bits === 0.U) {
            nextRow()
          }.otherwise {
            sub := 2.U
          }
        }
        is(2.U) {
          desireRen(l) := true.B
          desireAddr(l) := HwLayout.fit(g, ll.groupAddrWidth)
          sub := 3.U
        }
        is(3.U) {
          val d = desireData(l)
          negative := Cat((0 until ll.P).reverse.map(q => lane(ll, d, q).negative))
          val todo = Cat((0 until ll.P).reverse.map { q =>
            val ln = lane(ll, d, q)
            ln.active && ln.fired
          })
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
          c.histRen := issue
          c.histAddr := HwLayout.fit(addr, ll.histAddrWidth)
          when(issue) {
            addr := addr + ll.G.U
            t := t + 1.U
          }
          dataValid := issue
          dataT := t
          when(dataValid) {
            val spike = pickBit(rowBits, dataT)
            val xNext = HwDesire.traceStep(x, rule.leakShift.U, rule.traceFracBits, spike)(ll.traceWidth - 1, 0)
            x := xNext
            for (q <- 0 until ll.P) {
              when(io.data(l).hist(q)) { u(q) := u(q) +% xNext }
            }
          }
          when(!issue && !dataValid) { sub := 5.U }
        }
        is(5.U) {
          c.wRen := true.B
          c.wAddr := HwLayout.fit(rowBase + g, ll.memAddrWidth)
          sub := 6.U
        }
        is(6.U) {
          word := io.data(l).wData
          sub := 7.U
        }
        is(7.U) {
          val q = PriorityEncoder(uMask(ll.P - 1, 0))
          val lanes = (0 until ll.P).map(k => HwLayout.lane(word(ll.memWidth - 1, 0), ll.laneWidth, k))
          val sh = select(lanes, q).asSInt
          val neg = pickBit(negative, q)
          val updated = if (K > 0) {
            val draw = HwLfsr.nextBits(roundLfsr(l), K)
            roundLfsr(l) := draw.next
            HwDesire.updatedShadowStochastic(sh, !neg, select(u.take(ll.P), q), shift, draw.bits)
          } else {
            HwDesire.updatedShadow(sh, !neg, select(u.take(ll.P), q), shift)
          }
          val newLanes = VecInit((0 until ll.P).map(k => Mux(q === k.U, updated.asUInt, lanes(k))))
          word := Cat(newLanes.reverse).pad(word.getWidth)
          val rest = uMask & (uMask - 1.U)
          uMask := rest
          when(rest === 0.U) { sub := 8.U }
        }
        is(8.U) {
          c.wWen := true.B
          c.wAddr := HwLayout.fit(rowBase + g, ll.memAddrWidth)
          c.wData := word(ll.memWidth - 1, 0)
          nextGroup()
        }
      }

      def nextRow(): Unit = {
        rowBase := rowBase + ll.G.U
        i := i + 1.U
        sub := 0.U
        when(i === (ll.In - 1).U) { next(Update(l)) }
      }
      def nextGroup(): Unit = {
        g := g + 1.U
        sub := 2.U
        when(g === (ll.G - 1).U) { nextRow() }
      }
    }
  }


  // ---------------------------------------------------------------- weight readback between samples
  io.peek.ready := io.idle
  private val peekValid = RegNext(io.peek.fire, false.B)
  private val peekMem = RegNext(io.peek.bits.memory)
  io.peekData.valid := peekValid
  io.peekData.bits := 0.U
  for ((ll, k) <- lls.zipWithIndex) {
    val idx = core.loadIndex(core.memory(k, MemoryRole.FEEDFORWARD))
    when(io.peek.fire && io.peek.bits.memory === idx.U) {
      io.ctl(k).wRen := true.B
      io.ctl(k).wAddr := HwLayout.fit(io.peek.bits.address, ll.memAddrWidth)
    }
    when(peekMem === idx.U) { io.peekData.bits := HwLayout.fit(io.data(k).wData, core.loadDataWidth) }
  }
}
