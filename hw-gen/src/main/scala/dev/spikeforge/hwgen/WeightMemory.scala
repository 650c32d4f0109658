package dev.spikeforge.hwgen

import chisel3._
import chisel3.util._
import chisel3.util.experimental.loadMemoryFromFileInline
import dev.spikeforge.golden.spec.hw.{HwMemory, MemoryKind}
import firrtl.annotations.MemoryLoadFileType

/**
 * The iCE40 UP5K single-port RAM, 16,384 × 16 bits, instantiated by name. Synthesis (Yosys
 * `synth_ice40`) maps it to the hard cell; simulators read the model in
 * `resources/dev/spikeforge/hwgen/SB_SPRAM256KA.v` (guarded by `ifndef SYNTHESIS`).
 */
class SbSpram256ka extends BlackBox with HasBlackBoxInline {
  override def desiredName: String = "SB_SPRAM256KA"
  val io = IO(new Bundle {
    val ADDRESS = Input(UInt(14.W))
    val DATAIN = Input(UInt(16.W))
    val MASKWREN = Input(UInt(4.W))
    val WREN = Input(Bool())
    val CHIPSELECT = Input(Bool())
    val CLOCK = Input(Clock())
    val STANDBY = Input(Bool())
    val SLEEP = Input(Bool())
    val POWEROFF = Input(Bool())
    val DATAOUT = Output(UInt(16.W))
  })
  // inline (not addResource): a resource blackbox makes firtool append a file list to the single-file output
  setInline("SB_SPRAM256KA.v", SbSpram256ka.model)
}

object SbSpram256ka {
  /** The simulation model's text (`resources/dev/spikeforge/hwgen/SB_SPRAM256KA.v`). */
  lazy val model: String = {
    val in = getClass.getResourceAsStream("/dev/spikeforge/hwgen/SB_SPRAM256KA.v")
    require(in != null, "hw-gen resource dev/spikeforge/hwgen/SB_SPRAM256KA.v is missing from the classpath")
    try new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII) finally in.close()
  }
}

/**
 * One weight memory of a layer (`HwMemory` with role FEEDFORWARD or RECURRENT; docs/hardware.md,
 * "Memories and images"): one synchronous read port with one clock of latency (`rdata` holds the
 * word addressed by `raddr` in the previous clock when `ren` was high, and is undefined otherwise)
 * and, when `writable`, one write port (the core's load port; an SPRAM memory is always writable,
 * a block-RAM one without it is a ROM holding its image).
 *
 *  - BLOCK_RAM: an inferred `SyncReadMem` initialised from the memory's image (`$readmemh` inside
 *    `ifdef ENABLE_INITIAL_MEM_`); a read and a write may happen in the same clock.
 *  - SPRAM: ⌈width / 16⌉ `SB_SPRAM256KA` cells side by side (cell k holds bits [16k, 16k+16)) in
 *    each of ⌈depth / 16,384⌉ banks (address bits 14 and up pick the bank; the read word comes from
 *    the bank read in the previous clock); no initial contents. The cells have
 *    one port: a write takes the clock and its read returns an undefined word, so writes must not
 *    overlap reads (the core only writes between samples, when no layer reads weights).
 */
class WeightMemory(spec: HwMemory, writable: Boolean = true) extends Module {
  require(writable || spec.kind != MemoryKind.SPRAM, s"${spec.file}: an SPRAM memory needs its write port (no initial contents)")
  private val aw = HwLayout.bitsFor(spec.depth)
  private val w = spec.width
  val io = IO(new Bundle {
    val raddr = Input(UInt(aw.W))
    val ren = Input(Bool())
    val rdata = Output(UInt(w.W))
    val write = if (writable) Some(Input(new WeightWrite(aw, w))) else None
  })

  spec.kind match {
    case MemoryKind.BLOCK_RAM =>
      val m = SyncReadMem(spec.depth, UInt(w.W))
      loadMemoryFromFileInline(m, spec.file, MemoryLoadFileType.Hex)
      io.rdata := m.read(io.raddr, io.ren)
      for (wr <- io.write) { when(wr.en) { m.write(wr.addr, wr.data) } }
    case MemoryKind.SPRAM =>
      val cells = MemoryKind.spramsFor(w)
      val banks = MemoryKind.spramBanksFor(spec.depth)
      require(banks <= MemoryKind.MAX_SPRAM_BANKS, s"${spec.file}: ${spec.depth} words exceed ${MemoryKind.MAX_SPRAM_BANKS} SPRAM banks")
      val wr = io.write.get
      val addr = Mux(wr.en, wr.addr, io.raddr)
      val low = if (aw <= 14) addr.pad(14) else addr(13, 0)
      val bank: UInt = if (banks == 1) 0.U(1.W) else addr(aw - 1, 14)
      val data = wr.data.pad(cells * 16)
      val bankWords = (0 until banks).map { b =>
        val selected = if (banks == 1) true.B else bank === b.U
        val outs = (0 until cells).map { k =>
          val c = Module(new SbSpram256ka).suggestName(s"spram_b${b}_c$k")
          c.io.ADDRESS := low
          c.io.DATAIN := data(16 * k + 15, 16 * k)
          c.io.MASKWREN := "b1111".U
          c.io.WREN := wr.en
          c.io.CHIPSELECT := (wr.en || io.ren) && selected
          c.io.CLOCK := clock
          c.io.STANDBY := false.B
          c.io.SLEEP := false.B
          c.io.POWEROFF := true.B
          c.io.DATAOUT
        }
        Cat(outs.reverse)(w - 1, 0)
      }
      if (banks == 1) {
        io.rdata := bankWords.head
      } else {
        // the bank read in the previous clock (a bank's output holds until its next read)
        val readBank = RegEnable(bank, io.ren && !wr.en)
        io.rdata := VecInit(bankWords)(readBank)
      }
    case other =>
      throw new IllegalArgumentException(s"unknown memory kind $other")
  }

  /** Reads `addr` when `en` (the word arrives one clock later). */
  def read(addr: UInt, en: Bool): UInt = {
    io.raddr := addr
    io.ren := en
    io.rdata
  }

  /** Connects the write port (a memory made `writable` only). */
  def writePort(en: Bool, addr: UInt, data: UInt): Unit = {
    val wr = io.write.getOrElse(throw new IllegalStateException(s"${spec.file}: this weight memory has no write port"))
    wr.en := en
    wr.addr := HwLayout.fit(addr, aw)
    wr.data := HwLayout.fit(data, w)
  }
}

/** One write of a [[WeightMemory]]: word `addr` := `data` when `en`. */
class WeightWrite(addressWidth: Int, width: Int) extends Bundle {
  val en = Bool()
  val addr = UInt(addressWidth.W)
  val data = UInt(width.W)
}

/**
 * Test fixture for the twin test of the two [[WeightMemory]] implementations: a block-RAM and an
 * SPRAM memory of the same geometry (`spec` with each kind) on shared read and write ports.
 */
class WeightMemoryTwin(spec: HwMemory) extends Module {
  override def desiredName: String = "WeightMemoryTwin"
  private val aw = HwLayout.bitsFor(spec.depth)
  val io = IO(new Bundle {
    val raddr = Input(UInt(aw.W))
    val ren = Input(Bool())
    val wen = Input(Bool())
    val waddr = Input(UInt(aw.W))
    val wdata = Input(UInt(spec.width.W))
    val rdataBram = Output(UInt(spec.width.W))
    val rdataSpram = Output(UInt(spec.width.W))
  })
  private def kind(k: MemoryKind) =
    new HwMemory(spec.layer, spec.role, spec.file, spec.depth, spec.lanes, spec.laneWord, k)
  private val bram = Module(new WeightMemory(kind(MemoryKind.BLOCK_RAM)))
  private val spram = Module(new WeightMemory(kind(MemoryKind.SPRAM)))
  for (m <- Seq(bram, spram)) m.writePort(io.wen, io.waddr, io.wdata)
  io.rdataBram := bram.read(io.raddr, io.ren)
  io.rdataSpram := spram.read(io.raddr, io.ren)
}
