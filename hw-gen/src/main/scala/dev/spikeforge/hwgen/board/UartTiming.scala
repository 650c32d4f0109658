package dev.spikeforge.hwgen.board

/**
 * Bit timing of the 8N1 serial link: one clock divisor, computed here once. The hardware
 * ([[UartRx]], [[UartTx]]) and the host's bit-level twin (`dev.spikeforge.boards.link.UartLine`,
 * which calls [[BoardGen.uartDivisor]]) both take the divisor from this object.
 *
 * A bit lasts `divisor` clock cycles, `divisor = round(clockHz / baud)`. The real baud rate is then
 * `clockHz / divisor`; a standard UART receiver samples mid-bit and tolerates a mismatch of a few
 * percent over a 10-bit frame, so the divisor is rejected when the rounding alone costs more than
 * [[MaxBaudError]].
 */
object UartTiming {

  /** Largest accepted relative difference between the requested and the real baud rate (2 %). */
  val MaxBaudError: Double = 0.02

  /** Smallest divisor: the receiver needs a start-bit midpoint (divisor / 2 >= 2 cycles). */
  val MinDivisor: Int = 4

  /** Largest divisor the 16-bit bit-period counters hold. */
  val MaxDivisor: Int = 65535

  /**
   * Clock cycles per bit for a `baud` link on a `clockHz` clock.
   *
   * @throws IllegalArgumentException naming the parameters when the divisor is out of range or the
   *                                  baud rate cannot be matched within [[MaxBaudError]]
   */
  def divisor(clockHz: Long, baud: Int): Int = {
    require(clockHz > 0, s"clockHz must be positive, got $clockHz")
    require(baud > 0, s"baud must be positive, got $baud")
    // round half up, in integers: (2c + b) / 2b
    val d = (2 * clockHz + baud) / (2L * baud)
    require(d >= MinDivisor,
      s"baud $baud is too fast for a $clockHz Hz clock: $d cycles per bit, at least $MinDivisor needed")
    require(d <= MaxDivisor,
      s"baud $baud is too slow for a $clockHz Hz clock: $d cycles per bit, at most $MaxDivisor supported")
    val real = clockHz.toDouble / d
    val error = math.abs(real - baud) / baud
    require(error <= MaxBaudError,
      f"baud $baud cannot be made from a $clockHz Hz clock: the nearest divisor $d gives $real%.1f baud " +
        f"(${error * 100}%.2f %% off, at most ${MaxBaudError * 100}%.0f %% allowed)")
    d.toInt
  }
}
