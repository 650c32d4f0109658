package dev.spikeforge.hwgen

import chisel3._
import dev.spikeforge.golden.spec.hw.{HwField, HwWordLayout}

/**
 * Field access on memory words whose layout is data (`HwWordLayout` from the hardware spec): the
 * same list of fields the compiler packs images with and docs/hardware.md tabulates.
 */
object HwLayout {

  /** The bits of field `name` of `word`. */
  def field(word: UInt, layout: HwWordLayout, name: String): UInt = bits(word, layout.field(name))

  /** The bits of `f` in `word`. */
  def bits(word: UInt, f: HwField): UInt = word(f.offset + f.width - 1, f.offset)

  /** Lane `p` of a word holding lane words of `laneWidth` bits side by side (lane 0 least significant). */
  def lane(word: UInt, laneWidth: Int, p: Int): UInt = word((p + 1) * laneWidth - 1, p * laneWidth)

  /** `x` cut or zero-extended to exactly `width` bits. */
  def fit(x: UInt, width: Int): UInt = x.pad(width)(width - 1, 0)

  /** ceil(log2 n), at least 1: address and index widths. */
  def bitsFor(n: Int): Int = math.max(1, chisel3.util.log2Ceil(n))
}
