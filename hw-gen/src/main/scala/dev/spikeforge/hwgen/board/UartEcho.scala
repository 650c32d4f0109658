package dev.spikeforge.hwgen.board

import chisel3._
import chisel3.util._

/**
 * Diagnostic top level: every byte received on `uart_rx` is sent back on `uart_tx` (through a
 * 16-byte FIFO). On a real board it checks the serial link before a core is involved; in simulation
 * it is the twin test of [[UartRx]] and [[UartTx]]. `led0` toggles on every byte received, `led1`
 * lights after a framing error until the next good byte.
 *
 * With `probes`, the receiver's output is visible on `probe_rx_valid`, `probe_rx_data` and
 * `probe_rx_error`.
 */
class UartEcho(name: String, divisor: Int, probes: Boolean) extends RawModule {
  override def desiredName: String = name

  val clk = IO(Input(Clock()))
  val uart_rx = IO(Input(Bool()))
  val uart_tx = IO(Output(Bool()))
  val led0 = IO(Output(Bool()))
  val led1 = IO(Output(Bool()))

  private val por = Module(new PowerOnReset(4))
  por.io.clk := clk

  withClockAndReset(clk, por.io.reset) {
    val rx = Module(new UartRx(divisor))
    rx.rxd := uart_rx
    val fifo = Module(new ByteFifo(16))
    fifo.enq.valid := rx.out.valid
    fifo.enq.bits := rx.out.bits
    val tx = Module(new UartTx(divisor))
    tx.in <> fifo.deq
    uart_tx := tx.txd

    val toggle = RegInit(false.B)
    val sawError = RegInit(false.B)
    when(rx.out.valid) { toggle := !toggle; sawError := false.B }
    when(rx.frameError) { sawError := true.B }
    led0 := toggle
    led1 := sawError

    if (probes) {
      val probe_rx_valid = IO(Output(Bool()))
      val probe_rx_data = IO(Output(UInt(8.W)))
      val probe_rx_error = IO(Output(Bool()))
      probe_rx_valid := rx.out.valid
      probe_rx_data := rx.out.bits
      probe_rx_error := rx.frameError
    }
  }
}
