package dev.spikeforge.compiler.cycles;

/**
 * Clocks of one delivery phase of a layer engine (feedforward or recurrent): the event list flows
 * through a source (layer 0: the input queue and {@code InputPacker}; other lists: the spike-list
 * reader and its 3-entry queue), an {@code EventExtractor} (EVENT: one event per set bit, lowest
 * first; CHUNK: one event per entry, combinational) and the issue stage, which holds each event for
 * G clocks (one per neuron group) and takes the next one in the last of them. Every quantity below is
 * a clock counted from the phase's launch clock (0), exactly as the RTL's ready/valid handshakes
 * resolve (docs/hardware.md, "Cycle model"). The recurrences are max-plus: O(entries + events).
 */
final class Delivery {
  private static final long NEVER = Long.MIN_VALUE / 4;

  /** Clocks from the launch clock to the scheduler's transition clock, inclusive. */
  long clocks;
  /** Packer only: the clock each of the step's beats left the input queue (spikes, then endOfStep). */
  long[] beats;

  private Delivery() {}

  private static boolean none(long clock) {
    return clock == NEVER;
  }

  /**
   * Layer 0's feedforward delivery: the step's input beats (spikes of the entries in {@code
   * entryBits}, one beat per spike, then endOfStep) from the input queue, which holds a beat at
   * every clock (full-rate stream).
   *
   * @param entryBits spikes per packed entry (input word), in stream order
   * @param chunk CHUNK mode (one event per entry) instead of EVENT (one per spike)
   * @param groups G, clocks per event in the issue stage
   */
  static Delivery fromInput(int[] entryBits, boolean chunk, int groups) {
    Delivery d = new Delivery();
    int m = entryBits.length;
    int spikes = 0;
    for (int k : entryBits) {
      spikes += k;
    }
    d.beats = new long[spikes + 1];
    int beat = 0;
    for (int b = 0; m > 0 && b < entryBits[0]; b++) {
      d.beats[beat++] = 1 + b; // entry 0's beats, one per clock from the launch
    }
    long issueFree = 1; // the first clock the issue stage may take an event
    long extFree = 1; // the first clock the extractor may take an entry (EVENT)
    long present = m == 0 ? NEVER : 1 + entryBits[0]; // the clock the packer first offers entry j
    long fire = NEVER; // the clock entry j left the packer
    long lastTake = NEVER; // the issue clock of the last event
    for (int j = 0; j < m; j++) {
      if (chunk) {
        fire = Math.max(present, issueFree);
        lastTake = fire;
        issueFree = fire + groups;
      } else {
        fire = Math.max(present, extFree);
        long valid = fire + 1;
        for (int b = 0; b < entryBits[j]; b++) {
          lastTake = Math.max(valid, issueFree);
          issueFree = lastTake + groups;
          valid = lastTake + 1;
        }
        extFree = lastTake;
      }
      if (j + 1 < m) {
        // the next entry's first beat is consumed with this entry's fire, the rest one per clock
        present = fire + entryBits[j + 1];
        for (int b = 0; b < entryBits[j + 1]; b++) {
          d.beats[beat++] = fire + b;
        }
      }
    }
    long endTake;
    if (chunk) {
      // the end entry is offered the clock after the last entry's fire (clock 1 for an empty step)
      // and taken by the issue stage directly; the endOfStep beat leaves with it
      endTake = Math.max(m == 0 ? 1 : fire + 1, issueFree);
      d.beats[beat] = endTake;
    } else {
      long endLoad = m == 0 ? 1 : Math.max(fire + 1, extFree);
      d.beats[beat] = endLoad;
      endTake = Math.max(endLoad + 1, issueFree);
    }
    d.clocks = finish(endTake, lastTake, groups);
    return d;
  }

  /**
   * Delivery of a layer's spike list (the previous layer's for feedforward, the layer's own for
   * recurrent) through the list reader: entry i is read (address in one clock, word in the next)
   * when fewer than 3 entries are queued or in flight, is queued the clock after and can leave the
   * queue the clock after that; the end entry needs the queue to have room when it is enqueued.
   */
  static Delivery fromList(int[] entryBits, boolean chunk, int groups) {
    Delivery d = new Delivery();
    int m = entryBits.length;
    long[] read = new long[m];
    long[] load = new long[m]; // the clock entry i left the reader's queue
    long issueFree = 1;
    long extFree = 1;
    long lastTake = NEVER;
    for (int i = 0; i < m; i++) {
      read[i] = i == 0 ? 1 : Math.max(read[i - 1] + 1, i >= 3 ? load[i - 3] + 1 : NEVER);
      long avail = read[i] + 2;
      if (chunk) {
        load[i] = Math.max(avail, issueFree);
        lastTake = load[i];
        issueFree = lastTake + groups;
      } else {
        load[i] = Math.max(avail, extFree);
        long valid = load[i] + 1;
        for (int b = 0; b < entryBits[i]; b++) {
          lastTake = Math.max(valid, issueFree);
          issueFree = lastTake + groups;
          valid = lastTake + 1;
        }
        extFree = lastTake;
      }
    }
    long endEnq = m == 0 ? 1 : Math.max(read[m - 1] + 2, m >= 3 ? load[m - 3] + 1 : NEVER);
    long endAvail = endEnq + 1;
    long endTake = chunk ? Math.max(endAvail, issueFree) : Math.max(Math.max(endAvail, extFree) + 1, issueFree);
    d.clocks = finish(endTake, lastTake, groups);
    return d;
  }

  /**
   * The engine goes idle the clock after the end event was taken and the last event's 2-stage
   * accumulate pipeline has drained (its G issue clocks, then S1 and S2); the scheduler sees idle the
   * clock after and launches the next phase the clock after that.
   */
  private static long finish(long endTake, long lastTake, int groups) {
    long lastBusy = Math.max(endTake + 1, none(lastTake) ? NEVER : lastTake + groups + 3);
    return lastBusy + 2;
  }
}
