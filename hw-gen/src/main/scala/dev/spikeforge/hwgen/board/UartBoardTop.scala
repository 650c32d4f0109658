package dev.spikeforge.hwgen.board

import chisel3._
import chisel3.util._

/**
 * Parameters of [[UartBoardTop]].
 *
 * @param name              Verilog module name of the top level
 * @param clockHz           the clock every register of the top runs on, in Hz: the board clock on port
 *                          `clk`, or the PLL's output when `pll` is set (the UART divisor, the byte
 *                          timeout and the heartbeat count in it)
 * @param baud              serial link baud rate (8N1)
 * @param core              widths of the core's stream interface
 * @param coreModule        Verilog module name of the core (instantiated as a black box)
 * @param fifoDepth         receive FIFO bytes, a power of two (512 fills one iCE40 block RAM)
 * @param creditChunk       bytes returned by one CREDIT frame, 1..fifoDepth/2
 * @param byteTimeoutCycles cycles without a byte inside a frame before it is dropped (0 = never)
 * @param designId          32-bit identifier reported by INFO (e.g. part of a build's content hash)
 * @param led0ActiveLow     `led0` (heartbeat) lights on 0
 * @param led1ActiveLow     `led1` (sample in progress) lights on 1 unless set
 * @param probes            add `probe_*` outputs that show the core's input handshake (simulation only)
 * @param pll               make the clock with the iCE40 PLL from `clk` ([[SbPll40]]); None = run on `clk`
 * @param pixels            a pixel-input top (link version 4): PIXELS frames encoded on chip with this encoder
 *                          ([[PixelEncoder]]); None = the frame-per-step top (versions 2 and 3), unchanged
 */
final case class UartBoardTopParams(
    name: String,
    clockHz: Long,
    baud: Int,
    core: CoreStreamParams,
    coreModule: String,
    fifoDepth: Int,
    creditChunk: Int,
    byteTimeoutCycles: Long,
    designId: Long,
    led0ActiveLow: Boolean,
    led1ActiveLow: Boolean,
    probes: Boolean,
    pll: Option[SbPll40Params],
    pixels: Option[PixelInputParams]) {

  /** The frame-per-step top (no on-chip encoder). */
  def this(name: String, clockHz: Long, baud: Int, core: CoreStreamParams, coreModule: String, fifoDepth: Int,
      creditChunk: Int, byteTimeoutCycles: Long, designId: Long, led0ActiveLow: Boolean, led1ActiveLow: Boolean,
      probes: Boolean, pll: Option[SbPll40Params]) =
    this(name, clockHz, baud, core, coreModule, fifoDepth, creditChunk, byteTimeoutCycles, designId, led0ActiveLow,
      led1ActiveLow, probes, pll, None)

  /** Without a PLL: everything runs on the board clock `clk`. */
  def this(name: String, clockHz: Long, baud: Int, core: CoreStreamParams, coreModule: String, fifoDepth: Int,
      creditChunk: Int, byteTimeoutCycles: Long, designId: Long, led0ActiveLow: Boolean, led1ActiveLow: Boolean,
      probes: Boolean) =
    this(name, clockHz, baud, core, coreModule, fifoDepth, creditChunk, byteTimeoutCycles, designId, led0ActiveLow,
      led1ActiveLow, probes, None)

  require(name != null && name.matches("[A-Za-z_][A-Za-z0-9_]*"), s"name must be a Verilog identifier, got $name")
  require(coreModule != null && coreModule.matches("[A-Za-z_][A-Za-z0-9_]*"),
    s"coreModule must be a Verilog identifier, got $coreModule")
  require(coreModule != name, s"coreModule must differ from the top's name $name")
  require(fifoDepth >= 16 && fifoDepth <= 4096 && isPow2(fifoDepth), s"fifoDepth must be a power of two in 16..4096, got $fifoDepth")
  require(creditChunk >= 1 && creditChunk <= fifoDepth / 2, s"creditChunk must be in 1..${fifoDepth / 2}, got $creditChunk")
  require(byteTimeoutCycles >= 0 && byteTimeoutCycles <= 0xFFFFFFFFL, s"byteTimeoutCycles must be in 0..2^32-1, got $byteTimeoutCycles")
  require(pll != null, "pll must be None or Some")
  require(pixels != null, "pixels must be None or Some")
  require(pixels.isEmpty || !core.learns,
    "a pixel-input board top (PIXELS frames) is for a core that only infers; a learning core takes spike frames")
  require(designId >= 0 && designId <= 0xFFFFFFFFL, s"designId must be in 0..2^32-1, got $designId")
  require(LinkProtocol.bitmapStep(core).frameBytes <= fifoDepth,
    s"fifoDepth $fifoDepth cannot hold one BITMAP step of ${core.inputs} inputs (${LinkProtocol.bitmapStep(core).frameBytes} bytes)")

  /** Clock cycles per bit, from [[UartTiming.divisor]]. */
  def divisor: Int = UartTiming.divisor(clockHz, baud)

  /** These parameters with the clock made by the PLL `pll` at `coreClockHz` (its achieved output). */
  def withPll(pll: SbPll40Params, coreClockHz: Long): UartBoardTopParams =
    copy(clockHz = coreClockHz, pll = Some(pll))

  /** These parameters as a pixel-input top: PIXELS frames encoded on chip by `px` (link version 4). */
  def withPixels(px: PixelInputParams): UartBoardTopParams = copy(pixels = Some(px))

  /** The link protocol version this top speaks. */
  def linkVersion: Int = LinkProtocol.version(core, pixels)
}

/**
 * Board top level: UART receiver → receive FIFO → [[CommandParser]] → core (black box) →
 * [[FrameEmitter]] → UART transmitter. A learning core ([[CoreStreamParams.learning]]) adds link
 * version 3: a [[LearnFrameParser]] between the FIFO and the parser turns TRAIN frames into the core's
 * `train` commands and READ frames into `peek` requests, whose words (`peekData`) the emitter sends as
 * WORD frames; a core that only infers gets the version-2 top without any of it. Ports carry the board's signal names, so the flow can
 * constrain them from the board description: `clk`, `uart_rx`, `uart_tx`, `led0` (heartbeat, about
 * 1 Hz: the bitstream runs), `led1` (a sample is in progress: from the first beat the core accepts
 * to its result). Reset comes from a power-on counter; the host resets the core with RESET.
 *
 * With `p.pll`, every register runs on the PLL's output instead of `clk` (which then only feeds the
 * PLL), and reset is held until the PLL has locked ([[LockReset]]) rather than by the power-on
 * counter.
 *
 * Every byte taken from the FIFO (except IDENTIFY, which restarts the count) counts towards a CREDIT
 * frame, every `creditChunk` bytes; a byte
 * arriving at a full FIFO is dropped and reported (ERROR 3), as is a UART framing error (ERROR 2).
 */
class UartBoardTop(val p: UartBoardTopParams) extends RawModule {
  override def desiredName: String = p.name

  val clk = IO(Input(Clock()))
  val uart_rx = IO(Input(Bool()))
  val uart_tx = IO(Output(Bool()))
  val led0 = IO(Output(Bool()))
  val led1 = IO(Output(Bool()))

  // the clock of every register and the reset that starts them
  private val (coreClock, startReset) = p.pll match {
    case None =>
      val por = Module(new PowerOnReset(4))
      por.io.clk := clk
      (clk, por.io.reset)
    case Some(pllParams) =>
      val pll = Module(new SbPll40(pllParams))
      pll.io.reference := clk
      pll.io.RESETB := true.B
      pll.io.BYPASS := false.B
      val lockReset = Module(new LockReset(4))
      lockReset.io.clk := pll.io.PLLOUTGLOBAL
      lockReset.io.lock := pll.io.LOCK
      (pll.io.PLLOUTGLOBAL, lockReset.io.reset)
  }

  private val core = Module(new CoreBlackBox(p.core, p.coreModule))

  withClockAndReset(coreClock, startReset) {
    val rx = Module(new UartRx(p.divisor))
    rx.rxd := uart_rx

    val fifo = Module(new ByteFifo(p.fifoDepth))
    fifo.enq.valid := rx.out.valid
    fifo.enq.bits := rx.out.bits
    val overflow = rx.out.valid && !fifo.enq.ready

    val parser = Module(new CommandParser(p.core, p.byteTimeoutCycles, p.pixels.isDefined))
    // a learning core's TRAIN and READ frames are taken off the byte stream in front of the parser
    val learnFrames = p.core.learning.map(ln => Module(new LearnFrameParser(p.core, ln, p.byteTimeoutCycles)))
    // a pixel-input top's PIXELS frames, likewise, into the on-chip encoder
    val pixelFrames = p.pixels.map(px => Module(new PixelFrameParser(p.core, px, p.byteTimeoutCycles)))
    learnFrames match {
      case None =>
        pixelFrames match {
          case None => parser.bytes <> fifo.deq
          case Some(pf) =>
            pf.in <> fifo.deq
            parser.bytes <> pf.out
            pf.parserIdle := parser.atCommand.get
        }
      case Some(lf) =>
        lf.in <> fifo.deq
        parser.bytes <> lf.out
        lf.parserIdle := parser.atCommand.get
        lf.coreHold := core.io.trainHold.get
    }

    // One CREDIT per creditChunk bytes taken out of the FIFO. IDENTIFY restarts the count (and is
    // not counted itself), so a host that connects with IDENTIFY starts in step with the board.
    val taken = RegInit(0.U(log2Ceil(p.creditChunk + 1).W))
    val chunkDone = fifo.deq.fire && !parser.identify && taken === (p.creditChunk - 1).U
    when(parser.identify) {
      taken := 0.U
    }.elsewhen(fifo.deq.fire) {
      taken := Mux(chunkDone, 0.U, taken + 1.U)
    }

    // core reset: power-on, or 4 cycles after RESET / a timeout
    val resetHold = RegInit(0.U(3.W))
    val holdNext = Mux(parser.resetCore, 4.U, Mux(resetHold =/= 0.U, resetHold - 1.U, 0.U))
    resetHold := holdNext
    // a register (high from the start reset until a clock after it): the core's reset and every handshake gated
    // by it start at a flip-flop (the combinational OR of the start reset and the hold count was on the board's
    // critical path, through the core's input handshake into the parser); the same clocks as `resetHold =/= 0`
    val coreInReset = RegNext(holdNext =/= 0.U, true.B)
    core.io.clock := coreClock
    core.io.reset := coreInReset

    (core.io.load, parser.load) match {
      case (Some(c), Some(l)) =>
        c.valid := l.valid && !coreInReset
        c.bits := l.bits
        l.ready := c.ready && !coreInReset
      case _ =>
    }
    p.pixels match {
      case None =>
        core.io.in.valid := parser.core.valid && !coreInReset
        core.io.in.bits := parser.core.bits
        parser.core.ready := core.io.in.ready && !coreInReset
      case Some(px) =>
        // the encoder, reset with the core, feeds the core while busy; spike frames wait for it
        val encoder = withReset(coreInReset) { Module(new PixelEncoder(p.core, px)) }
        val pf = pixelFrames.get
        encoder.write := pf.write
        encoder.start := pf.start
        pf.encoderBusy := encoder.busy
        val fromEncoder = encoder.busy
        core.io.in.valid := Mux(fromEncoder, encoder.beats.valid, parser.core.valid) && !coreInReset
        core.io.in.bits := Mux(fromEncoder, encoder.beats.bits, parser.core.bits)
        encoder.beats.ready := fromEncoder && core.io.in.ready && !coreInReset
        parser.core.ready := !fromEncoder && core.io.in.ready && !coreInReset
    }

    val emitter = Module(new FrameEmitter(p.core, p.fifoDepth, p.creditChunk, p.designId, p.pixels))
    emitter.credit := chunkDone
    emitter.identify := parser.identify
    // errors pass a register: keeps the FIFO's and the parser's logic off the emitter's paths
    // the parser's and the learning frames' errors never coincide (the parser has no bytes inside a TRAIN/READ)
    val linkError = learnFrames.map(lf => mergeErrors(parser.error, lf.error))
      .orElse(pixelFrames.map(pf => mergeErrors(parser.error, pf.error))).getOrElse(parser.error)
    // each source passes its own register and they are merged after it (same clock as merging first, but
    // the parser's decision logic ends at a register instead of running on through the merge: the board's
    // critical path at 28 MHz)
    val linkErrorValid = RegNext(linkError.valid, false.B)
    val linkErrorBits = RegNext(linkError.bits)
    val overflowReg = RegNext(overflow, false.B)
    val framingReg = RegNext(rx.frameError, false.B)
    emitter.error.valid := linkErrorValid || overflowReg || framingReg
    emitter.error.bits := Mux(linkErrorValid, linkErrorBits,
      Mux(overflowReg, errorOf(LinkProtocol.ErrRxOverflow), errorOf(LinkProtocol.ErrRxFraming)))
    // a learning core: TRAIN frames to its train port, READ frames to peek, the words to the emitter
    for (lf <- learnFrames; c <- core.io.train) {
      c.valid := lf.train.valid && !coreInReset
      c.bits := lf.train.bits
      lf.train.ready := c.ready && !coreInReset
    }
    for (lf <- learnFrames; c <- core.io.peek) {
      c.valid := lf.peek.valid && !coreInReset
      c.bits := lf.peek.bits
      lf.peek.ready := c.ready && !coreInReset
    }
    for (w <- emitter.word; d <- core.io.peekData) {
      w.valid := d.valid && !coreInReset
      w.bits := d.bits
    }
    for (lf <- learnFrames; f <- emitter.wordFree) { lf.wordFree := f }
    emitter.result.valid := core.io.out.valid && !coreInReset
    emitter.result.bits := core.io.out.bits
    core.io.out.ready := emitter.result.ready && !coreInReset

    val tx = Module(new UartTx(p.divisor))
    tx.in <> emitter.tx
    uart_tx := tx.txd

    // LEDs
    val heartbeatBit = math.max(1, log2Floor(math.max(2L, p.clockHz).toInt) - 1) // toggles about once a second
    val heartbeat = RegInit(0.U((heartbeatBit + 1).W))
    heartbeat := heartbeat + 1.U
    val busy = RegInit(false.B)
    when(coreInReset || core.io.out.fire) { busy := false.B }.elsewhen(core.io.in.fire) { busy := true.B }
    led0 := heartbeat(heartbeatBit) ^ p.led0ActiveLow.B
    led1 := busy ^ p.led1ActiveLow.B

    if (p.probes) {
      val probe_in_fire = IO(Output(Bool())).suggestName("probe_in_fire")
      val probe_in_index = IO(Output(UInt(p.core.indexWidth.W))).suggestName("probe_in_index")
      val probe_in_end = IO(Output(Bool())).suggestName("probe_in_end")
      val probe_out_fire = IO(Output(Bool())).suggestName("probe_out_fire")
      probe_in_fire := core.io.in.fire
      // the beat's bits mean nothing while it is not valid (the receive FIFO's data register has no reset)
      probe_in_index := Mux(core.io.in.valid, core.io.in.bits.index, 0.U)
      probe_in_end := core.io.in.valid && core.io.in.bits.endOfStep
      probe_out_fire := core.io.out.fire
    }
  }

  private def mergeErrors(first: Valid[LinkError], second: Valid[LinkError]): Valid[LinkError] = {
    val e = Wire(Valid(new LinkError))
    e.valid := first.valid || second.valid
    e.bits := Mux(first.valid, first.bits, second.bits)
    e
  }

  private def errorOf(code: Int): LinkError = {
    val e = Wire(new LinkError)
    e.code := code.U
    e.detail := 0.U
    e
  }
}
