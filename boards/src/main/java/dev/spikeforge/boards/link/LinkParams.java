package dev.spikeforge.boards.link;

import dev.spikeforge.hwgen.board.CoreStreamParams;
import dev.spikeforge.hwgen.board.LinkProtocol;
import dev.spikeforge.hwgen.board.UartBoardTopParams;

/**
 * What a board reports in its INFO frame: the link protocol version, the core's stream widths and
 * the link's flow-control figures, for a learning core (version 3) its learning unit's layers and
 * word width, and for a pixel-input board (version 4) its on-chip encoder.
 *
 * @param version     link protocol version: 2 a core that only infers, 3 a learning core
 *                    ({@code BoardGen.linkProtocolVersion})
 * @param indexWidth  bits of an input index
 * @param inputs      input channels
 * @param outputs     output neurons
 * @param countWidth  bits of an output count
 * @param fifoDepth   receive FIFO bytes (the host's credit)
 * @param creditChunk bytes returned per CREDIT frame
 * @param designId    identifier the board top was generated with
 * @param learnLayers version 3: layers of the core's learning unit; 0 in version 2 (a core built without
 *                    {@code --learning}, whose INFO has no such field)
 * @param wordBits    version 3: bits of a WORD; 0 in version 2
 * @param encoder      version 4: the on-chip encoder of PIXELS frames (1 rate, 2 latency, 3 poisson); 0 otherwise
 * @param minIntensity version 4: rate and latency's smallest coded intensity; 0 otherwise
 * @param steps        version 4: the time steps a PIXELS frame is encoded into; 0 otherwise
 */
public record LinkParams(int version, int indexWidth, int inputs, int outputs, int countWidth, int fifoDepth,
    int creditChunk, long designId, int learnLayers, int wordBits, int encoder, int minIntensity, int steps) {

  public LinkParams {
    if (fifoDepth < 1 || creditChunk < 1 || creditChunk > fifoDepth) {
      throw new IllegalArgumentException("fifoDepth " + fifoDepth + " / creditChunk " + creditChunk + " are inconsistent");
    }
    boolean learning = version == LinkProtocol.LearningVersion();
    if (learning ? learnLayers < 1 || learnLayers > 255 || wordBits < 1 : learnLayers != 0 || wordBits != 0) {
      throw new IllegalArgumentException("link version " + version + " with learnLayers " + learnLayers + " / wordBits "
          + wordBits + " is inconsistent (version " + LinkProtocol.LearningVersion()
          + " boards learn: both >= 1; others: both 0)");
    }
    boolean pixels = version == LinkProtocol.PixelsVersion();
    if (pixels ? encoder < 1 || encoder > 3 || steps < 1 || minIntensity < 0 || minIntensity > 255
        : encoder != 0 || minIntensity != 0 || steps != 0) {
      throw new IllegalArgumentException("link version " + version + " with encoder " + encoder + " / minIntensity "
          + minIntensity + " / steps " + steps + " is inconsistent (version " + LinkProtocol.PixelsVersion()
          + " boards encode pixels: encoder 1..3, steps >= 1; others: all 0)");
    }
    core(indexWidth, inputs, outputs, countWidth); // validates the widths
  }

  /** A board without an on-chip encoder (versions 2 and 3). */
  public LinkParams(int version, int indexWidth, int inputs, int outputs, int countWidth, int fifoDepth,
      int creditChunk, long designId, int learnLayers, int wordBits) {
    this(version, indexWidth, inputs, outputs, countWidth, fifoDepth, creditChunk, designId, learnLayers, wordBits,
        0, 0, 0);
  }

  /** A board whose core only infers (no learning fields in its INFO). */
  public LinkParams(int version, int indexWidth, int inputs, int outputs, int countWidth, int fifoDepth,
      int creditChunk, long designId) {
    this(version, indexWidth, inputs, outputs, countWidth, fifoDepth, creditChunk, designId, 0, 0);
  }

  /** Whether the board's core has a learning unit (link version 3: TRAIN and READ frames). */
  public boolean learns() {
    return learnLayers > 0;
  }

  /** Whether the board encodes pixels on chip (link version 4: PIXELS frames). */
  public boolean takesPixels() {
    return version == LinkProtocol.PixelsVersion();
  }

  /** The parameters of a board top generated with {@code p}. */
  public static LinkParams of(UartBoardTopParams p) {
    CoreStreamParams c = p.core();
    if (p.pixels().isDefined()) {
      dev.spikeforge.hwgen.board.PixelInputParams px = p.pixels().get();
      return new LinkParams(p.linkVersion(), c.indexWidth(), c.inputs(), c.outputs(), c.countWidth(), p.fifoDepth(),
          p.creditChunk(), p.designId(), 0, 0, px.code(), px.encoder().minIntensity(), px.steps());
    }
    return new LinkParams(dev.spikeforge.hwgen.board.BoardGen.linkProtocolVersion(c), c.indexWidth(), c.inputs(),
        c.outputs(), c.countWidth(), p.fifoDepth(), p.creditChunk(), p.designId(), c.learnLayers(),
        c.learns() ? c.loadDataWidth() : 0);
  }

  /** The core's stream widths. */
  public CoreStreamParams core() {
    return core(indexWidth, inputs, outputs, countWidth);
  }

  private static CoreStreamParams core(int indexWidth, int inputs, int outputs, int countWidth) {
    return new CoreStreamParams(indexWidth, inputs, outputs, countWidth);
  }
}
