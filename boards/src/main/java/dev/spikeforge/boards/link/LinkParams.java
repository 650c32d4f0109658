package dev.spikeforge.boards.link;

import dev.spikeforge.hwgen.board.CoreStreamParams;
import dev.spikeforge.hwgen.board.UartBoardTopParams;

/**
 * What a board reports in its INFO frame: the link protocol version, the core's stream widths and
 * the link's flow-control figures.
 *
 * @param version     link protocol version ({@code BoardGen.linkProtocolVersion()})
 * @param indexWidth  bits of an input index
 * @param inputs      input channels
 * @param outputs     output neurons
 * @param countWidth  bits of an output count
 * @param fifoDepth   receive FIFO bytes (the host's credit)
 * @param creditChunk bytes returned per CREDIT frame
 * @param designId    identifier the board top was generated with
 * @param learnLayers layers of the core's learning unit; 0: an inference-only core (built without {@code --learning})
 * @param wordBits    bits of a LOAD or WORD word; 0: the core has no load port
 */
public record LinkParams(int version, int indexWidth, int inputs, int outputs, int countWidth, int fifoDepth,
    int creditChunk, long designId, int learnLayers, int wordBits) {

  public LinkParams {
    if (fifoDepth < 1 || creditChunk < 1 || creditChunk > fifoDepth) {
      throw new IllegalArgumentException("fifoDepth " + fifoDepth + " / creditChunk " + creditChunk + " are inconsistent");
    }
    if (learnLayers < 0 || learnLayers > 255 || wordBits < 0 || (learnLayers > 0 && wordBits == 0)) {
      throw new IllegalArgumentException("learnLayers " + learnLayers + " / wordBits " + wordBits + " are inconsistent");
    }
    core(indexWidth, inputs, outputs, countWidth); // validates the widths
  }

  /** An inference-only board's parameters without a load port. */
  public LinkParams(int version, int indexWidth, int inputs, int outputs, int countWidth, int fifoDepth,
      int creditChunk, long designId) {
    this(version, indexWidth, inputs, outputs, countWidth, fifoDepth, creditChunk, designId, 0, 0);
  }

  /** Whether the board's core has a learning unit (TRAIN and READ frames). */
  public boolean learns() {
    return learnLayers > 0;
  }

  /** The parameters of a board top generated with {@code p}. */
  public static LinkParams of(UartBoardTopParams p) {
    CoreStreamParams c = p.core();
    return new LinkParams(dev.spikeforge.hwgen.board.BoardGen.linkProtocolVersion(), c.indexWidth(), c.inputs(),
        c.outputs(), c.countWidth(), p.fifoDepth(), p.creditChunk(), p.designId(), c.learnLayers(),
        c.hasLoad() ? c.loadDataWidth() : 0);
  }

  /** The core's stream widths. */
  public CoreStreamParams core() {
    return core(indexWidth, inputs, outputs, countWidth);
  }

  private static CoreStreamParams core(int indexWidth, int inputs, int outputs, int countWidth) {
    return new CoreStreamParams(indexWidth, inputs, outputs, countWidth);
  }
}
