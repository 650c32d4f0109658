package dev.spikeforge.hwgen

import chisel3._
import chisel3.util._
import chisel3.util.experimental.loadMemoryFromFileInline
import dev.spikeforge.golden.spec.LayerKind
import dev.spikeforge.golden.spec.hw.{DelayMode, HwCore, HwSynapses, MemoryRole, SynapseMode}
import firrtl.annotations.MemoryLoadFileType
import scala.jdk.CollectionConverters._

/** Commands a [[LayerEngine]] accepts from the core's scheduler. */
object LayerCmd {
  val Width = 3
  val Clear: UInt = 1.U(Width.W)
  val Feedforward: UInt = 2.U(Width.W)
  val Recurrent: UInt = 3.U(Width.W)
  val Neuron: UInt = 4.U(Width.W)
}

/**
 * One word written through the core's load port: memory `memory` of `HwCore.memories()` (its load
 * index), word `address`, the low bits of `data` (docs/hardware.md, "Load port").
 */
class LoadWrite(memoryWidth: Int, addressWidth: Int, dataWidth: Int) extends Bundle {
  val memory = UInt(memoryWidth.W)
  val address = UInt(addressWidth.W)
  val data = UInt(dataWidth.W)
}

object LoadWrite {
  /** The load port of the whole core. */
  def apply(core: HwCore): LoadWrite = new LoadWrite(core.loadMemoryWidth, core.loadAddressWidth, core.loadDataWidth)

  /** The part of a load write layer `l`'s memories use: its deepest memory's address, its widest word. */
  def forLayer(core: HwCore, l: Int): LoadWrite = {
    // a three-factor core's feedforward, axonal and recurrent words live in its learning unit, not in the layer's engine
    val unitHeld = (r: MemoryRole) => core.threeFactorLearning != null &&
      (r == MemoryRole.FEEDFORWARD || r == MemoryRole.AXONAL || r == MemoryRole.RECURRENT)
    val mems = core.memories().asScala.filter(m => m.layer == l && !unitHeld(m.role))
    new LoadWrite(core.loadMemoryWidth, mems.map(m => HwLayout.bitsFor(m.depth)).max, mems.map(_.width).max)
  }
}

/** One beat of the load port: a [[LoadWrite]]; `last` ends the load burst. */
class LoadBeat(core: HwCore) extends LoadWrite(core.loadMemoryWidth, core.loadAddressWidth, core.loadDataWidth) {
  val last = Bool()
}

/** One neuron group's result of a neuron pass: its spikes and membranes after the reset. */
class GroupUpdate(groupWidth: Int, lanes: Int, membraneWidth: Int) extends Bundle {
  val group = UInt(groupWidth.W)
  val spikes = UInt(lanes.W)
  val membranes = Vec(lanes, SInt(membraneWidth.W))
}

/**
 * The datapath and memories of one layer of the layer-serial core (structure, not a golden-model
 * twin itself): P lanes, each with a [[LifNeuronPipe]], a pending-current ring memory addressed
 * through a [[DelaySlotUnit]] and, for BINARIZED layers, [[BinarizedSynapseUnit]]s.
 *
 * Commands (one at a time, `start` while `idle`):
 *  - Clear: zero every membrane and pending current; step slot := 0.
 *  - Feedforward / Recurrent: consume the event list on `ffIn` (or the layer's own spike list)
 *    until its end entry; for each event and neuron group g, read the weight word at `row · G + g`
 *    and add each lane's contribution into pending slot (t + delay) mod R. A three-stage pipeline:
 *    S0 weight read, S1 contribution + slot + pending read, S2 add and write back (with one group,
 *    G = 1, the write of the previous clock is forwarded; with more it cannot hit the read).
 *  - Neuron: for each group, read membranes (N0) and the pending currents of slot t mod R (N1, given to
 *    the pipe's stage 2: `currentLate`), zero the consumed slot (N2), apply Lif.step per lane in a
 *    [[LifNeuronPipe]] (N1..N3, one group per
 *    clock), then write the membranes back, record the group's spikes in the spike list and report
 *    them on `update` (N4). Groups are distinct addresses, so the pipeline needs no forwarding.
 * `advance` moves the step slot to the next step.
 */
class LayerEngine(core: HwCore, l: Int, ffEntryIndexWidth: Int) extends Module {
  import HwLayout.bitsFor

  private val h = core.layers.get(l)
  /** The layer's part of the desire learning unit, in a desire learning core. */
  private val learn: Option[LearnLayer] = if (core.learning != null) Some(LearnLayer(core, l)) else None
  /**
   * The three-factor learning unit of a three-factor core ([[ThreeFactorUnit]]): it holds the layer's shadow
   * weights and delays, which the forward pass reads through `io.tf`, and takes the forward pass's spike
   * history and surrogate codes from it.
   */
  private val tfl = Option(core.threeFactorLearning)
  private val P = h.lanes
  private val G = h.groups
  private val R = h.ringSlots
  private val M = h.membraneWidth
  private val C = h.currentWidth
  private val ff: HwSynapses = h.feedforward
  private val rec: Option[HwSynapses] = Option(h.recurrentSynapses)
  private val gW = bitsFor(G)
  /** Bits of a spike-list entry's group index: none when the layer has a single group. */
  private val entryW = log2Ceil(G)
  private val slotW = h.slotWidth
  private val srcW = (Seq(ff.rows) ++ rec.map(_.rows)).map(bitsFor).max
  private val maskW = (Seq(ff.chunkWidth) ++ rec.map(_.chunkWidth)).max
  private val delayW = Seq(1, h.delayWidth, h.recurrentDelayWidth, bitsFor(2)).max

  val io = IO(new Bundle {
    val start = Input(Bool())
    val cmd = Input(UInt(LayerCmd.Width.W))
    val idle = Output(Bool())
    val advance = Input(Bool())
    val ffIn = Flipped(Decoupled(new SpikeEntry(ffEntryIndexWidth, ff.edgeWidth)))
    val listRead = Input(Bool())
    val listOut = Decoupled(new SpikeEntry(entryW, P))
    val update = Output(Valid(new GroupUpdate(gW, P, M)))
    /**
     * Writes into this layer's initialised memories (registered by the core, between samples only);
     * only in a core with the load port ([[HwGen.hasLoadPort]]).
     */
    val load = if (HwGen.hasLoadPort(core)) Some(Input(Valid(LoadWrite.forLayer(core, l)))) else None
    /** Learning cores only: this sample trains (dropout, rescaled currents, spike histories). */
    val training = learn.map(_ => Input(Bool()))
    /** Learning cores only: the step t of the sample. */
    val step = learn.map(_ => Input(UInt(HwCore.STEP_WIDTH.W)))
    /** Learning cores only: the learning unit's access to this layer's memories (when the engine is idle). */
    val learnCtl = learn.map(ll => Input(new LearnCtl(ll)))
    val learnData = learn.map(ll => Output(new LearnData(ll)))
    /** Three-factor cores only: the forward pass's reads of the unit's shadow memories and what it records. */
    val tf = tfl.map(_ => new EngineThreeFactorPort(core, l))
  })
  private val training = io.training.getOrElse(false.B)

  /** The load port's write into `spec` (enable, address, data), when the core has the port. */
  private def loadWrite(spec: dev.spikeforge.golden.spec.hw.HwMemory): Option[(Bool, UInt, UInt)] =
    io.load.map { ld =>
      (ld.valid && ld.bits.memory === core.loadIndex(spec).U,
        HwLayout.fit(ld.bits.address, HwLayout.bitsFor(spec.depth)), HwLayout.fit(ld.bits.data, spec.width))
    }

  private val mode = RegInit(0.U(LayerCmd.Width.W))
  io.idle := mode === 0.U
  private val accMode = mode === LayerCmd.Feedforward || mode === LayerCmd.Recurrent
  private val recMode = mode === LayerCmd.Recurrent

  // ---------------------------------------------------------------- step slot t mod R
  private val stepSlot = RegInit(0.U(slotW.W))
  when(io.advance) {
    stepSlot := (if (R == 1) 0.U else Mux(stepSlot === (R - 1).U, 0.U, stepSlot + 1.U))
  }

  // ---------------------------------------------------------------- initialised memories
  private def image(role: MemoryRole) = core.memory(l, role)

  private val paramsSpec = image(MemoryRole.PARAMS)
  private val params = Mem(paramsSpec.depth, UInt(paramsSpec.width.W))
  loadMemoryFromFileInline(params, paramsSpec.file, MemoryLoadFileType.Hex)
  for ((en, addr, data) <- loadWrite(paramsSpec)) { when(en) { params.write(addr, data) } }
  private val paramWord = params.read(0.U)
  private val pWord = h.paramsWord

  private def weightMemory(role: MemoryRole, syn: HwSynapses): WeightMemory = {
    val spec = image(role)
    require(spec.depth == math.max(HwCore.MIN_DEPTH, syn.depth) && spec.laneWord.width == syn.laneWord.width)
    val m = Module(new WeightMemory(spec, writable = io.load.isDefined))
    for ((en, addr, data) <- loadWrite(spec)) {
      (learn, io.learnCtl) match {
        case (Some(_), Some(c)) if role == MemoryRole.FEEDFORWARD =>
          // the load port writes between samples, the learning unit after a training sample's forward pass
          m.writePort(en || c.wWen, Mux(en, addr, HwLayout.fit(c.wAddr, addr.getWidth)), Mux(en, data, HwLayout.fit(c.wData, data.getWidth)))
        case _ => m.writePort(en, addr, data)
      }
    }
    m
  }
  private val ffMem = if (tfl.isEmpty) Some(weightMemory(MemoryRole.FEEDFORWARD, ff)) else None
  private val recMem = if (tfl.isEmpty) rec.map(r => weightMemory(MemoryRole.RECURRENT, r)) else None
  private val axMem = if (h.delayMode == DelayMode.AXONAL && tfl.isEmpty) {
    val spec = image(MemoryRole.AXONAL)
    val m = SyncReadMem(spec.depth, UInt(spec.width.W))
    loadMemoryFromFileInline(m, spec.file, MemoryLoadFileType.Hex)
    for ((en, addr, data) <- loadWrite(spec)) { when(en) { m.write(addr, data) } }
    Some(m)
  } else None

  // ---------------------------------------------------------------- state memories
  // (at least HwCore.MIN_DEPTH words each: firtool 1.62.1 crashes on memories of depth 1)
  /**
   * A layer of one or two groups keeps its membranes in registers (`memb` below says why), any other in a memory
   * (at least HwCore.MIN_DEPTH words).
   */
  private val membranes = if (G > 2) {
    // read into a register (`memb`): a neuron pass reads group g at N0 and writes groups at N4, so a read never
    // meets a write of its word (nor does Clear, which only writes), and the synthesis may ignore the case
    Some(Mem(math.max(HwCore.MIN_DEPTH, G), Vec(P, SInt(M.W))).suggestName("membranes_" + HwGen.NoRwCheckTag))
  } else None
  private val membraneRegs = if (G > 2) None else Some(Reg(Vec(G, Vec(P, SInt(M.W)))))
  /**
   * Lanes share one pending-current address (slot and group) unless a synapse set carries per-synapse delays:
   * with no delays, axonal delays or a constant recurrent delay every lane's delay is the event's. Then the
   * P lanes' rings are one memory of P·C-bit words (⌈P·C / 16⌉ block RAMs instead of P), else one per lane.
   */
  private val laneDelays = ff.delayWidth > 0 || rec.exists(_.delayWidth > 0)
  private val pendingDepth = math.max(HwCore.MIN_DEPTH, R * G)
  private val pendingWide = if (laneDelays) None else Some(SyncReadMem(pendingDepth, Vec(P, SInt(C.W))))
  private val pendingLanes = if (laneDelays) Some(Seq.fill(P)(SyncReadMem(pendingDepth, SInt(C.W)))) else None
  private val list = SyncReadMem(math.max(HwCore.MIN_DEPTH, G), UInt((entryW + P).W))
  private val listCount = RegInit(0.U(bitsFor(G + 1).W))

  // ---------------------------------------------------------------- spike-list reader
  private val readerQ = Module(new Queue(new SpikeEntry(entryW, P), 3))
  private val rActive = RegInit(false.B)
  private val rNext = RegInit(0.U(bitsFor(G + 1).W))
  private val rInflight = RegInit(false.B)
  private val rIssue = rActive && rNext < listCount && (readerQ.io.count +& rInflight) < 3.U
  private val rData = list.read(rNext(bitsFor(G) - 1, 0), rIssue)
  rInflight := rIssue
  when(rIssue) { rNext := rNext + 1.U }
  private val rEnd = rActive && rNext === listCount && !rInflight
  readerQ.io.enq.valid := rInflight || rEnd
  if (entryW > 0) { readerQ.io.enq.bits.index := Mux(rInflight, rData(entryW - 1, 0), 0.U) }
  else { readerQ.io.enq.bits.index := 0.U }
  readerQ.io.enq.bits.mask := Mux(rInflight, rData(entryW + P - 1, entryW), 0.U)
  readerQ.io.enq.bits.last := !rInflight
  when(rEnd && readerQ.io.enq.ready) { rActive := false.B }
  when(io.listRead || (io.start && io.cmd === LayerCmd.Recurrent)) {
    rActive := true.B
    rNext := 0.U
  }

  // ---------------------------------------------------------------- event extraction
  private val ffX = Module(new EventExtractor(ff.mode == SynapseMode.CHUNK, ff.edgeWidth, ffEntryIndexWidth, srcW, maskW,
    (ff.sources + ff.edgeWidth - 1) / ff.edgeWidth))
  // Entries are taken up to and including the end entry; later ones belong to the next step.
  private val ffEndTaken = RegInit(false.B)
  private val ffOpen = mode === LayerCmd.Feedforward && !ffEndTaken
  ffX.io.in.valid := io.ffIn.valid && ffOpen
  ffX.io.in.bits := io.ffIn.bits
  io.ffIn.ready := ffX.io.in.ready && ffOpen
  when(io.ffIn.fire && io.ffIn.bits.last) { ffEndTaken := true.B }

  private val recX = rec.map { r =>
    Module(new EventExtractor(r.mode == SynapseMode.CHUNK, P, entryW, srcW, maskW, G))
  }
  io.listOut.valid := readerQ.io.deq.valid && !recMode
  io.listOut.bits := readerQ.io.deq.bits
  recX match {
    case Some(x) =>
      x.io.in.valid := readerQ.io.deq.valid && recMode
      x.io.in.bits := readerQ.io.deq.bits
      readerQ.io.deq.ready := Mux(recMode, x.io.in.ready, io.listOut.ready)
    case None =>
      readerQ.io.deq.ready := io.listOut.ready
  }

  // ---------------------------------------------------------------- issue: one (event, group) per clock
  private val evValid = RegInit(false.B)
  private val evSrc = Reg(UInt(srcW.W))
  private val evMask = Reg(UInt(maskW.W))
  private val endSeen = RegInit(false.B)
  private val g = RegInit(0.U(gW.W))
  private val lastG = g === (G - 1).U
  private val take = accMode && !endSeen && (!evValid || lastG)
  private val evIn = Wire(Decoupled(new SynapseEvent(srcW, maskW)))
  evIn.valid := Mux(recMode, recX.map(_.io.out.valid).getOrElse(false.B), ffX.io.out.valid)
  evIn.bits := Mux(recMode, recX.map(_.io.out.bits).getOrElse(ffX.io.out.bits), ffX.io.out.bits)
  evIn.ready := take
  ffX.io.out.ready := take && !recMode
  recX.foreach(_.io.out.ready := take && recMode)

  when(evValid) { g := Mux(lastG, 0.U, g + 1.U) }
  when(evIn.fire) {
    when(evIn.bits.last) {
      endSeen := true.B
      evValid := false.B
    }.otherwise {
      evValid := true.B
      evSrc := evIn.bits.src
      evMask := evIn.bits.mask
    }
  }.elsewhen(evValid && lastG) {
    evValid := false.B
  }

  // S0: weight (and axonal delay) read
  private def rowAddress(syn: HwSynapses): UInt =
    if (syn.rows == 1) HwLayout.fit(g, bitsFor(syn.depth)) else HwLayout.fit(evSrc * G.U + g, bitsFor(syn.depth))
  private val ffWord = (learn, io.tf) match {
    case (Some(_), _) =>
      val c = io.learnCtl.get
      val word = ffMem.get.read(Mux(c.wRen, c.wAddr, rowAddress(ff)), (evValid && !recMode) || c.wRen)
      io.learnData.get.wData := word
      word
    case (None, Some(t)) =>
      // the unit's shadow memories answer the clock after the read, as a block RAM does
      t.ffRead := evValid && !recMode
      t.ffAddr := rowAddress(ff)
      t.ffWord
    case (None, None) => ffMem.get.read(rowAddress(ff), evValid && !recMode)
  }
  private val recWord = (recMem, io.tf) match {
    case (Some(m), _) => Some(m.read(rowAddress(rec.get), evValid && recMode))
    case (None, Some(t)) if rec.isDefined => // the unit's recurrent shadows, answered the clock after (three-factor)
      t.recRead.get := evValid && recMode
      t.recAddr.get := rowAddress(rec.get)
      Some(t.recWord.get)
    case _ => None
  }
  private val axDelay = (axMem, io.tf) match {
    case (Some(m), _) => Some(m.read(evSrc(bitsFor(h.inputSize) - 1, 0), evValid && !recMode))
    case (None, Some(t)) if h.delayMode == DelayMode.AXONAL =>
      t.axRead.get := evValid && !recMode
      t.axAddr.get := evSrc(bitsFor(h.inputSize) - 1, 0)
      Some(t.axWord.get) // the input's forward delay (the unit derives it from the shadow delay)
    case _ => None
  }

  // S1: contributions, delays, slots, pending read
  private val s1Valid = RegNext(evValid && accMode, false.B)
  private val s1Rec = RegNext(recMode)
  private val s1G = RegNext(g)
  private val s1Mask = RegNext(evMask)

  // ---------------------------------------------------------------- learning: input dropout, input-row histories
  // (docs/hardware.md §7). Layer 0's dropped input channels deliver nothing; every delivered event of a
  // training sample sets bit t + D of its row's history word (the step the layer sees it), once per event.
  private val s1Src = RegNext(evSrc)
  // One memory holds the T-bit input-row histories (word i: row i) and, in a layer with input dropout, the
  // keep bits of its input channels (word In + i / K, bit i mod K, K = 2^⌊log2 T⌋): the keep bits are written
  // before the forward pass (after the rows are cleared) and read in it, the rows written in it and read after.
  private val keepPerWord = learn.map(ll => 1 << log2Floor(ll.T)).getOrElse(1)
  private val keepShift = log2Ceil(keepPerWord)
  private val rowMem = learn.map { ll =>
    val keepWords = if (ll.inputDrop) (h.inputSize + keepPerWord - 1) / keepPerWord else 0
    SyncReadMem(math.max(HwCore.MIN_DEPTH, h.inputSize + keepWords), Vec(ll.T, Bool()))
  }
  private val rowMemAddrWidth = rowMem.map(m => bitsFor(m.length.toInt)).getOrElse(1)
  private val keepWordOf = (i: UInt) => HwLayout.fit(h.inputSize.U +& (i >> keepShift), rowMemAddrWidth)
  private val keepBitOf = (i: UInt) => if (keepShift == 0) 0.U else HwLayout.fit(i, keepShift)
  private val keepReadWord = WireDefault(VecInit(Seq.fill(learn.map(_.T).getOrElse(1))(false.B)))
  private val inputKept: Bool = learn match {
    case Some(ll) if ll.inputDrop =>
      val srcKeepBit = VecInit(keepReadWord.take(keepPerWord))(keepBitOf(s1Src))
      srcKeepBit || !training
    case _ => true.B
  }
  for ((ll, rows) <- learn.zip(rowMem)) {
    val c = io.learnCtl.get
    val seenAt = io.step.get +& ll.delay.U
    val record = training && s1Valid && !s1Rec && s1G === 0.U && inputKept && seenAt < ll.T.U
    // one write port: the learning unit clears a row or writes a keep bit (before a training sample), an
    // event sets one bit of its row
    val keepIn = ll.inputDrop.B && c.keepInWen
    val keepInBit = HwLayout.fit(keepBitOf(c.keepInAddr), log2Ceil(ll.T).max(1))
    when(c.rowClear || keepIn || record) {
      val address = Mux(c.rowClear, HwLayout.fit(c.rowAddr, rowMemAddrWidth),
        Mux(keepIn, keepWordOf(c.keepInAddr), HwLayout.fit(s1Src, rowMemAddrWidth)))
      val data = Mux(c.rowClear, 0.U(ll.T.W), Mux(keepIn, Fill(ll.T, c.keepInBit), Fill(ll.T, true.B)))
      val mask = Mux(c.rowClear, Fill(ll.T, true.B), LearnLayer.oneHot(Mux(keepIn, keepInBit, seenAt), ll.T))
      rows.write(address, VecInit(data.asBools), mask.asBools)
    }
    // one read port: the learning unit reads a row after the forward pass, the forward pass a keep word
    val keepRead = ll.inputDrop.B && evValid && !recMode
    val read = rows.read(Mux(keepRead, keepWordOf(evSrc), HwLayout.fit(c.rowAddr, rowMemAddrWidth)), c.rowRen || keepRead)
    keepReadWord := read
    io.learnData.get.row := read.asUInt
  }

  private def contribution(syn: HwSynapses, laneWord: UInt): SInt = {
    val layout = syn.laneWord
    if (syn.kind == LayerKind.DENSE) {
      val stored = HwLayout.field(laneWord, layout, "weight").asSInt
      learn match {
        case Some(ll) if !syn.recurrent => ll.forwardWeight(stored) // the shadow word's forward weight
        case _ => stored
      }
    } else {
      val unit = Module(new BinarizedSynapseUnit(syn.chunkWidth))
      if (syn.mode == SynapseMode.CHUNK) {
        unit.in_spikes := s1Mask(syn.chunkWidth - 1, 0)
        unit.in_weights := HwLayout.field(laneWord, layout, "bits")
      } else {
        unit.in_spikes := 1.U
        unit.in_weights := HwLayout.field(laneWord, layout, "bit")
      }
      unit.current
    }
  }

  private def delayOf(syn: HwSynapses, laneWord: UInt, shared: Option[UInt]): UInt =
    if (syn.delayWidth > 0) HwLayout.field(laneWord, syn.laneWord, "delay")
    else shared.getOrElse(syn.constantDelay.U)

  /** Whether lane p of group `grp` is a neuron of the layer (the last group may be partial). */
  private def laneExists(grp: UInt, p: Int): Bool =
    if ((G - 1) * P + p < h.size) true.B else grp =/= (G - 1).U

  private val neuronIssuing = RegInit(false.B)
  private val ng = RegInit(0.U(gW.W))
  private val neuronIssue = mode === LayerCmd.Neuron && neuronIssuing
  private val n1Valid = RegNext(neuronIssue, false.B)
  private val n1G = RegNext(ng)
  private def slotBase(slot: UInt): UInt = slot * G.U

  private val clearing = mode === LayerCmd.Clear
  private val clearDepth = math.max(R * G, G)
  private val clearAddr = RegInit(0.U(bitsFor(clearDepth).W))

  private val pendAddrW = bitsFor(R * G)
  /** The neuron pass's pending-current word of the group in N1: read in N1, its current reaches stage 2 in N2, zeroed in N2. */
  private val neuronAddr = HwLayout.fit(slotBase(stepSlot) + n1G, pendAddrW)
  private def slotOf(d: UInt): UInt =
    if (R == 1) {
      0.U // no delays and no recurrence: every current lands in the one slot
    } else {
      val slotUnit = Module(new DelaySlotUnit(R, delayW))
      slotUnit.in_step_slot := stepSlot
      slotUnit.in_delay := d
      slotUnit.out_slot
    }

  private val laneCD: Seq[(SInt, UInt)] = Seq.tabulate(P) { p =>
    val ffLane = HwLayout.lane(ffWord, ff.laneWord.width, p)
    val ffC = contribution(ff, ffLane)
    val ffD = delayOf(ff, ffLane, axDelay)
    rec match {
      case Some(r) =>
        val recLane = HwLayout.lane(recWord.get, r.laneWord.width, p)
        (Mux(s1Rec, contribution(r, recLane), ffC), Mux(s1Rec, delayOf(r, recLane, None), ffD))
      case None => (ffC, ffD)
    }
  }
  /** Lane p's contribution in S1, at its own width (the weight's, or a binarized current's), padded to C in S2. */
  private val laneContrib: Seq[SInt] = laneCD.map { case (c, _) =>
    require(c.getWidth <= C, s"layer $l: a contribution of ${c.getWidth} bits exceeds the current width $C")
    if (learn.isDefined) Mux(inputKept, c, 0.S) else c
  }
  private val laneAddr: Seq[UInt] =
    if (laneDelays) laneCD.map { case (_, d) => HwLayout.fit(slotBase(slotOf(d)) + s1G, pendAddrW) }
    else { val a = HwLayout.fit(slotBase(slotOf(laneCD.head._2)) + s1G, pendAddrW); Seq.fill(P)(a) }
  private val laneReadAddr: Seq[UInt] = {
    val shared = if (laneDelays) None else Some(Mux(mode === LayerCmd.Neuron, neuronAddr, laneAddr.head))
    laneAddr.map(a => shared.getOrElse(Mux(mode === LayerCmd.Neuron, neuronAddr, a)))
  }
  private val pendData: Seq[SInt] = (pendingWide, pendingLanes) match {
    case (Some(m), _) =>
      val word = m.read(laneReadAddr.head, s1Valid || n1Valid)
      Seq.tabulate(P)(p => word(p))
    case (_, Some(ms)) => Seq.tabulate(P)(p => ms(p).read(laneReadAddr(p), s1Valid || n1Valid))
    case _ => throw new IllegalStateException("no pending-current memory")
  }

  // S2: add into the pending current and write back (forwarding the previous clock's write when G = 1)
  private val s2Valid = RegNext(s1Valid, false.B)
  private val s2Addr: Seq[UInt] = if (laneDelays) laneAddr.map(a => RegNext(a)) else { val a = RegNext(laneAddr.head); Seq.fill(P)(a) }
  private val s2Contrib = laneContrib.map(c => RegNext(c))
  private val s2G = RegNext(s1G)
  /**
   * The membranes of group ng, read at N0 and given at N1. A layer of one or two groups keeps them in flip-flops
   * (Yosys maps so small a memory to them, behind a word mux): there they are read from registers, for two groups
   * through a register after the word mux, so the LIF pipe's leak starts at a register (on the UP5K the mux in
   * front of the leak was the core's critical path). Same values on the same clock as the memory read.
   */
  private val memb: Vec[SInt] = (membranes, membraneRegs) match {
    case (Some(m), _) => RegEnable(m.read(ng), neuronIssue)
    case (_, Some(words)) => if (G == 1) words(0) else RegEnable(words(ng(0)), neuronIssue)
    case _ => throw new IllegalStateException("no membrane storage")
  }
  // N1..N3: the LIF pipeline; nValid(i) / nG(i) follow group n1G through it, N4 = the last
  private val nValid = Seq.iterate(n1Valid, LifNeuronPipe.Latency + 1)(v => RegNext(v, false.B))
  private val nG = Seq.iterate(n1G, LifNeuronPipe.Latency + 1)(g => RegNext(g))
  private val n4Valid = nValid.last
  private val n4G = nG.last

  // ---------------------------------------------------------------- learning: neuron dropout (docs/hardware.md §7)
  // A dropped neuron of a training sample integrates but neither fires nor resets (DesireBackpropInt.fires).
  // The neuron history of a training sample (word t·G + g: group g's spikes of step t) and, in a layer
  // with dropout, the keep masks (word T·G + g) share one memory: the histories are written in the neuron
  // pass and read by the learning unit after it, the masks written before the forward pass and read in it.
  private val history = learn.map { ll =>
    SyncReadMem(math.max(HwCore.MIN_DEPTH, (ll.T + (if (ll.neuronDrop) 1 else 0)) * G), UInt(P.W))
  }
  private val historyAddrWidth = history.map(h => bitsFor(h.length.toInt)).getOrElse(1)
  // its one write port (a block RAM has one): the keep masks or a neuron pass's spikes
  private val historyWen = WireDefault(false.B)
  private val historyWAddr = WireDefault(0.U(historyAddrWidth.W))
  private val historyWData = WireDefault(0.U(P.W))
  for (hist <- history) { when(historyWen) { hist.write(historyWAddr, historyWData) } }
  private def historyWrite(address: UInt, data: UInt): Unit = {
    historyWen := true.B
    historyWAddr := address
    historyWData := data
  }
  /** A training sample's keep bits of the group in N1 (a dropped neuron does not fire), in a layer with dropout. */
  private val keepN1: Option[UInt] = learn match {
    case Some(ll) if ll.neuronDrop =>
      val c = io.learnCtl.get
      val base = (ll.T * G).U(historyAddrWidth.W)
      when(c.keepWen) { historyWrite(base + c.keepAddr, c.keepMask) }
      val read = history.get.read(Mux(neuronIssue, base + ng, Mux(c.keepRen, base + c.keepAddr, c.histAddr)),
        neuronIssue || c.keepRen || c.histRen)
      io.learnData.get.keep := read
      io.learnData.get.hist := read
      Some(read | Fill(P, !training))
    case Some(_) =>
      io.learnData.get.keep := Fill(P, true.B)
      io.learnData.get.hist := history.get.read(io.learnCtl.get.histAddr, io.learnCtl.get.histRen)
      None
    case None => None
  }
  /** The LIF pipeline's neuron: in a learning core its current input also holds the dropout-rescaled current. */
  private val lifNeuron = h.neuron
  private def lifCurrent(pending: SInt): SInt = learn match {
    case Some(ll) if ll.inputScale != ll.unitScale =>
      // HwLayer.neuronCurrentWidth bounds shr_8(S·I) for every C-bit current of the layer: the top bits are sign.
      // One product and one table addition (HwDesire.scaledCurrentConst), in the pipeline's current width.
      val w = lifNeuron.currentWidth
      Mux(training, HwDesire.scaledCurrentConst(pending, ll.inputScale, ll.scaleFracBits, w), pending.pad(w))
    case _ => pending.pad(lifNeuron.currentWidth)
  }

  private val threshold = HwLayout.field(paramWord, pWord, "threshold")
  private val leakShift = HwLayout.field(paramWord, pWord, "leakShift")
  private val resetZero = HwLayout.field(paramWord, pWord, "resetZero").asBool
  private val nextV = Wire(Vec(P, SInt(M.W)))
  private val spikes = Wire(Vec(P, Bool()))

  /**
   * Whether S1's pending read can address the word S2 writes in the same clock: only with one group. Consecutive
   * issues are (event e, group g), (e, g + 1) or (e, G − 1), (e', 0), whose addresses slot · G + g differ modulo G
   * when G >= 2, and a write lands before any later read; with G = 1 every issue of a slot is one word.
   */
  private val forwarding = G == 1
  private val lastValid = if (forwarding) Some(RegInit(false.B)) else None
  private val lastAddr: Option[Seq[UInt]] =
    if (!forwarding) None
    else if (laneDelays) Some(s2Addr.map(a => RegNext(a)))
    else { val a = RegNext(s2Addr.head); Some(Seq.fill(P)(a)) }
  for (v <- lastValid) v := s2Valid

  private val n2Valid = RegNext(n1Valid, false.B)
  private val n2Addr = RegNext(neuronAddr)
  private val pendingZero = clearing || n2Valid
  private val pendingSums = Wire(Vec(P, SInt(C.W)))
  for (m <- pendingWide) {
    // every lane of a group is written; a lane beyond the layer's size (in a partial last group) is masked
    val wAddr = Mux(clearing, clearAddr, Mux(n2Valid, n2Addr, s2Addr.head))
    when((clearing && clearAddr < (R * G).U) || n2Valid || s2Valid) {
      val data = Mux(pendingZero, VecInit(Seq.fill(P)(0.S(C.W))), pendingSums)
      if (h.size % P == 0) m.write(wAddr, data)
      else m.write(wAddr, data, VecInit(Seq.tabulate(P)(p => pendingZero || laneExists(s2G, p))))
    }
  }

  for (p <- 0 until P) {
    val accWrite = s2Valid && laneExists(s2G, p)
    val base = if (forwarding) {
      val lastData = Reg(SInt(C.W))
      val hit = lastValid.get && lastAddr.get(p) === s2Addr(p)
      val b = Mux(hit, lastData, pendData(p))
      lastData := b +% s2Contrib(p)
      b
    } else pendData(p)
    val sum = base +% s2Contrib(p)
    pendingSums(p) := sum
    for (ms <- pendingLanes) {
      val wEn = clearing || n2Valid || accWrite
      val wAddr = Mux(clearing, clearAddr, Mux(n2Valid, n2Addr, s2Addr(p)))
      when(wEn && (!clearing || clearAddr < (R * G).U)) {
        ms(p).write(wAddr, Mux(pendingZero, 0.S(C.W), sum))
      }
    }

    // The layer parameters change only between samples (the load port, a learning core's update), when no
    // neuron pass is in flight: stage 3 reads them from the ports, no per-lane copies. A layer with dropout
    // gates the firing.
    val lif = Module(new LifNeuronPipe(lifNeuron, paramsHeld = true, fireEnable = keepN1.isDefined,
      integrated = tfl.isDefined, currentLate = true, leakShiftLane = Some(p)))
    for (t <- io.tf if p == 0) t.code := HwThreeFactor.psiCodeOf(lif.out_v2.get, threshold, tfl.get.psiShift, tfl.get.psiHalf)
    lif.clock := clock
    lif.param_threshold := threshold
    lif.param_leak_shift := leakShift
    lif.param_reset_zero := resetZero
    lif.state_v := memb(p)
    if (learn.isEmpty) {
      lif.in_current := pendData(p)
      nextV(p) := Mux(laneExists(n4G, p), lif.state_v_next, 0.S)
      spikes(p) := lif.spike && laneExists(n4G, p)
    } else {
      lif.in_current := lifCurrent(pendData(p))
      // a dropped neuron neither fires nor resets: it keeps the saturated sum v1 (DesireBackpropInt.fires)
      for (e <- lif.in_fire_enable) e := keepN1.get(p)
      nextV(p) := Mux(laneExists(n4G, p), lif.state_v_next, 0.S)
      spikes(p) := lif.spike && laneExists(n4G, p)
    }
  }

  private val spikeMask = spikes.asUInt
  when(n4Valid || (clearing && clearAddr < G.U)) {
    val wAddr = Mux(clearing, clearAddr(bitsFor(G) - 1, 0), n4G)
    val wData = Mux(clearing, VecInit(Seq.fill(P)(0.S(M.W))), nextV)
    for (m <- membranes) { m.write(wAddr, wData) }
    for (words <- membraneRegs) { words(if (G == 1) 0.U else wAddr(0)) := wData }
  }
  when(n4Valid && spikeMask =/= 0.U) {
    list.write(listCount(bitsFor(G) - 1, 0), if (entryW > 0) Cat(spikeMask, n4G(entryW - 1, 0)) else spikeMask)
    listCount := listCount + 1.U
  }
  if (history.isDefined) {
    when(training && n4Valid) { historyWrite(HwLayout.fit(io.step.get * G.U + n4G, historyAddrWidth), spikeMask) }
  }
  for (t <- io.tf) {
    // one event of layer 0's input list (the presynaptic spike p_i[t]), once per event (group 0)
    t.event.valid := s1Valid && !s1Rec && s1G === 0.U
    t.event.bits := HwLayout.fit(s1Src, t.event.bits.getWidth)
    t.leakShift := leakShift
  }
  io.update.valid := n4Valid
  io.update.bits.group := n4G
  io.update.bits.spikes := spikeMask
  io.update.bits.membranes := nextV

  // ---------------------------------------------------------------- command sequencing
  when(neuronIssue) {
    ng := ng + 1.U
    when(ng === (G - 1).U) { neuronIssuing := false.B }
  }
  when(clearing) { clearAddr := clearAddr + 1.U }

  when(io.start) {
    mode := io.cmd
    endSeen := false.B
    ffEndTaken := false.B
    evValid := false.B
    g := 0.U
    ng := 0.U
    neuronIssuing := io.cmd === LayerCmd.Neuron
    when(io.cmd === LayerCmd.Neuron) { listCount := 0.U }
    when(io.cmd === LayerCmd.Clear) { stepSlot := 0.U }
    clearAddr := 0.U
  }.elsewhen(accMode && endSeen && !evValid && !s1Valid && !s2Valid) {
    mode := 0.U
  }.elsewhen(mode === LayerCmd.Neuron && !neuronIssuing && !nValid.reduce(_ || _)) {
    mode := 0.U
  }.elsewhen(clearing && clearAddr === (clearDepth - 1).U) {
    mode := 0.U
  }
}
